using Connector.Cli.Configuration;
using System.CommandLine;
using Connector.Cli.Output;
using System.Reflection;
using Connector.Core.Configuration;
using Microsoft.Extensions.Options;

namespace Connector.Cli.Commands;

/// <summary>
/// <c>config show</c>: every setting the options classes know (plus <c>AzureWebJobsStorage</c> and its identity keys),
/// its effective value with secrets masked, and the source it came from.
/// </summary>
public static class ConfigShowCommand
{
    public static Command Create(CommandBinder binder) => binder.Bind(
        new Command("show", "Print the effective settings (secrets masked) and the source of each: local.settings.json, .env, environment, --env-file or --set."),
        (scope, _) =>
        {
            var report = Report(scope.Configuration) with { Problems = Problems(scope.Services) };
            if (scope.Json)
            {
                scope.WriteJson(report, CliJson.Output.ConfigReport);
                return Task.FromResult(ExitCodes.Success);
            }

            scope.Out.WriteLine($"Repository root: {report.RepositoryRoot}");
            scope.Out.WriteLine("Sources, later wins: " + (report.Sources.Count == 0 ? "(none)" : string.Join(" < ", report.Sources)));
            scope.Out.WriteLine();
            var table = new TextTable("SETTING", "VALUE", "SOURCE");
            foreach (var setting in report.Settings)
            {
                table.Add(setting.Key,
                    setting.IsSet ? setting.Value : setting.Default is null ? "(not set)" : $"(default) {setting.Default}",
                    setting.IsSet ? Describe(setting) : "default");
            }
            table.WriteTo(scope.Out);
            scope.Out.WriteLine();
            scope.Out.WriteLine(report.Problems.Count == 0 ? "No problems found." : "Problems (the app would not start):");
            foreach (var problem in report.Problems)
            {
                scope.Out.WriteLine("  " + ErrorReport.ForTheCli(problem));
            }
            return Task.FromResult(ExitCodes.Success);
        });

    public static ConfigReport Report(CliConfiguration configuration)
    {
        var keys = SettingCatalog.Settings.ToList();
        // Identity-based storage settings (AzureWebJobsStorage__accountName, ...) when present.
        foreach (var child in configuration.Configuration.GetSection(Core.Storage.StorageConnection.SettingName).GetChildren())
        {
            if (child.Value is not null)
            {
                keys.Insert(1, new KnownSetting(child.Path, SettingCatalog.IsSecret(child.Path), null));
            }
        }

        var settings = keys.Select(known =>
        {
            var value = configuration[known.Key];
            var origin = configuration.OriginOf(known.Key);
            var isSet = origin is not null && value is not null;
            return new SettingReport(known.Key, isSet ? SettingCatalog.Display(known.Key, value) : null, isSet, known.IsSecret,
                isSet ? origin!.Source : "default", origin?.File, origin?.Alias, known.Default);
        }).ToList();

        var sources = configuration.Sources.Select(o => o.ToString()).ToList();
        return new ConfigReport(configuration.RepositoryRoot, sources, settings, []);
    }

    /// <summary>The failures of every options class's validators, as the app would report them at start-up.</summary>
    public static IReadOnlyList<string> Problems(IServiceProvider services)
    {
        var problems = new List<string>();
        foreach (var type in SettingCatalog.OptionTypes)
        {
            var options = services.GetService(typeof(IOptions<>).MakeGenericType(type));
            try
            {
                _ = options?.GetType().GetProperty(nameof(IOptions<object>.Value))!.GetValue(options);
            }
            catch (TargetInvocationException e) when (e.InnerException is OptionsValidationException validation)
            {
                problems.AddRange(validation.Failures);
            }
        }
        return problems;
    }

    private static string Describe(SettingReport setting)
    {
        var text = setting.File is null ? setting.Source : setting.Source + (setting.Source == "--env-file" ? " " + setting.File : "");
        return setting.Alias is null ? text : $"{text} as {setting.Alias}";
    }
}
