using Connector.Cli.Configuration;
using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Connector.Core;
using Connector.Core.Configuration;
using Connector.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Cli;

/// <summary>
/// One command's run: the effective configuration (loaded once, in the documented order), the connector's services
/// composed by <c>AddConnectorCore</c> on it (built on first use), and the output writers.
/// </summary>
public sealed class CommandScope(CliContext context, GlobalOptions globals, ParseResult parseResult) : IAsyncDisposable
{
    private readonly List<Action<IServiceCollection>> _configure = [];
    private readonly List<string> _overrides = [];
    private CliConfiguration? _configuration;
    private ServiceProvider? _services;

    public TextWriter Out => context.Out;
    public TextWriter Error => context.Error;
    public ParseResult ParseResult => parseResult;
    public bool Json => parseResult.GetValue(globals.Json);
    public string WorkingDirectory => context.WorkingDirectory;
    public bool Interactive => context.Interactive;

    public CliConfiguration Configuration => _configuration ??= CliConfigurationLoader.Load(new ConfigurationSources
    {
        WorkingDirectory = context.WorkingDirectory,
        Environment = context.Environment,
        EnvFile = parseResult.GetValue(globals.EnvFile),
        Overrides = [.. parseResult.GetValue(globals.Set) ?? [], .. _overrides],
    });

    /// <summary>A setting the command itself imposes (e.g. <c>Sync:DryRun=true</c>), winning like <c>--set</c>; before first use only.</summary>
    public void Override(string key, string value)
    {
        if (_configuration is not null)
        {
            throw new InvalidOperationException("The configuration is loaded already.");
        }
        _overrides.Add($"{key}={value}");
    }

    /// <summary>Adjusts the services after <c>AddConnectorCore</c> (and the context's own adjustments); before first use only.</summary>
    public void ConfigureServices(Action<IServiceCollection> configure)
    {
        if (_services is not null)
        {
            throw new InvalidOperationException("The services are built already.");
        }
        _configure.Add(configure);
    }

    public IServiceProvider Services => _services ??= BuildServices();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Validated options; an invalid setting ends the command with exit 2 and the validator's message.</summary>
    public T Options<T>() where T : class => Services.GetRequiredService<IOptions<T>>().Value;

    /// <summary>
    /// Changes the storage names the services use (e.g. a scratch queue or container), starting from the names
    /// registered so far; before first use only.
    /// </summary>
    public void UseStorageNames(Func<StorageNames, StorageNames> change) => ConfigureServices(services =>
    {
        var registered = services.Last(d => d.ServiceType == typeof(StorageNames));
        services.AddSingleton(sp => change(registered.ImplementationInstance as StorageNames
                                           ?? registered.ImplementationFactory?.Invoke(sp) as StorageNames
                                           ?? new StorageNames()));
    });

    /// <summary>Checks that <c>AzureWebJobsStorage</c> is usable before a command touches storage.</summary>
    public void RequireStorage()
    {
        try
        {
            _ = StorageConnection.From(Configuration.Configuration);
        }
        catch (InvalidOperationException e)
        {
            throw new CliUsageException(e.Message + " (local.settings.json, .env or the AzureWebJobsStorage environment variable)");
        }
    }

    public void WriteJson<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        Out.WriteLine(JsonSerializer.Serialize(value, typeInfo));
    }

    private ServiceProvider BuildServices()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(Configuration.Configuration);
        services.AddLogging(builder =>
        {
            if (parseResult.GetValue(globals.Verbose))
            {
                builder.SetMinimumLevel(LogLevel.Information);
                builder.AddProvider(new StderrLoggerProvider(context.Error));
            }
            else
            {
                builder.SetMinimumLevel(LogLevel.None);
            }
        });
        services.AddConnectorCore();
        context.ConfigureServices?.Invoke(services);
        foreach (var configure in _configure)
        {
            configure(services);
        }
        return services.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync().ConfigureAwait(false);
        }
    }
}
