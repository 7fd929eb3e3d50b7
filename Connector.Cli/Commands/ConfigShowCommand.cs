using System.CommandLine;
using Connector.Cli.Output;
using Connector.Core.Configuration;

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
            var report = Report(scope.Configuration);
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
            return Task.FromResult(ExitCodes.Success);
        });

    public static ConfigReport Report(ConnectorConfiguration configuration)
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

        var sources = configuration.Layers.Select(l => l.Origin.ToString()).ToList();
        return new ConfigReport(configuration.RepositoryRoot, sources, settings);
    }

    private static string Describe(SettingReport setting)
    {
        var text = setting.File is null ? setting.Source : setting.Source + (setting.Source == "--env-file" ? " " + setting.File : "");
        return setting.Alias is null ? text : $"{text} as {setting.Alias}";
    }
}
