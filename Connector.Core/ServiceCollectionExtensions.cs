using Connector.Core.Configuration;
using Connector.Core.Enrichment;
using Connector.Core.Intake;
using Connector.Core.Jobs;
using Connector.Core.Recovery;
using Connector.Core.Operations;
using Connector.Core.Reports;
using Connector.Core.Storage;
using Connector.Core.Sync;
using Connector.Core.Telemetry;
using Connector.Core.SuperOffice;
using Connector.Core.Watchdog;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Connector.Core;

/// <summary>The one composition method of Connector.Core: what the Functions app, the CLI and the tests all use.</summary>
public static class ServiceCollectionExtensions
{
    public static IServiceCollection AddConnectorCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new StorageNames());

        services.AddOptions<SuperOfficeOptions>().BindConfiguration(SuperOfficeOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SuperOfficeOptions>, SuperOfficeOptionsValidator>();
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>();
        services.AddHostedService<WebhookStartupCheck>();
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section);
        services.AddHostedService<AzureSdkLogForwarder>();
        services.AddSuperOfficeClient();

        services.AddConnectorStorage();
        services.AddCompanyExplorer();
        services.AddConnectorJobs();
        services.TryAddSingleton<WebhookIntake>();
        services.AddConnectorSync();

        // Product report. ISaleSource (the Sale archive) comes with the SuperOffice client; the report's callers take
        // it as a parameter, so nothing here depends on it being registered.
        services.AddOptions<ProductReportOptions>().BindConfiguration(ProductReportOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProductReportOptions>, ProductReportOptionsValidator>();
        services.TryAddSingleton<ProductReportGenerator>();
        services.TryAddSingleton<ProductReportRunner>();
        services.AddConnectorWatchdog();
        services.AddConnectorOperations();
        return services;
    }

    /// <summary>The webhook watchdog: reconciliation, the last-event mark intake keeps, and the recovery of missed changes.</summary>
    private static IServiceCollection AddConnectorWatchdog(this IServiceCollection services)
    {
        services.TryAddSingleton<WatchdogStateStore>();
        services.TryAddSingleton<LastEventRecorder>();
        services.TryAddSingleton<WebhookEnsurer>();
        services.TryAddSingleton<ContactRecovery>();
        services.TryAddSingleton<WebhookWatchdog>();
        return services;
    }

    /// <summary>What the operations page reads and does: webhook health, report runs, the effective settings.</summary>
    private static IServiceCollection AddConnectorOperations(this IServiceCollection services)
    {
        services.TryAddSingleton<WebhookMonitor>();
        services.TryAddSingleton<ReportRuns>();
        services.TryAddSingleton<EffectiveSettings>();
        return services;
    }

    /// <summary>Job records and the one owner of their life (see <c>Jobs/</c>).</summary>
    private static IServiceCollection AddConnectorJobs(this IServiceCollection services)
    {
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<JobsOptions>, JobsOptionsValidator>();
        services.TryAddSingleton<JobCounts>();
        services.TryAddSingleton<JobIndex>();
        services.TryAddSingleton<JobStore>();
        services.TryAddSingleton<JobHistory>();
        services.TryAddSingleton<JobRetention>();
        services.TryAddSingleton<BulkReplay>();
        services.TryAddSingleton<SyncQueue>();
        services.TryAddSingleton<JobLifecycle>();
        services.TryAddSingleton<SyncJobEnqueuer>();
        services.TryAddSingleton<RunClaims>();
        services.TryAddSingleton<JobReplayer>();
        return services;
    }

    /// <summary>The sync worker: its options (validated at start-up), per-contact state, the field map (resolved against the
    /// UDF layout at start-up) and the processor.</summary>
    private static IServiceCollection AddConnectorSync(this IServiceCollection services)
    {
        services.AddOptions<SyncOptions>().BindConfiguration(SyncOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SyncOptions>, SyncOptionsValidator>();
        services.TryAddSingleton<ContactStateStore>();
        services.TryAddSingleton<ContactLeases>();
        services.TryAddSingleton<RecentContacts>();
        services.TryAddSingleton<SyncFieldMap>();
        services.TryAddSingleton<ContactSyncProcessor>();
        services.AddHostedService<SyncStartupCheck>();
        return services;
    }

    /// <summary>
    /// The storage service clients, from <c>AzureWebJobsStorage</c> as a connection string or as identity-based
    /// settings (see <see cref="StorageConnection"/>).
    /// </summary>
    public static IServiceCollection AddConnectorStorage(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => StorageConnection.From(sp.GetRequiredService<IConfiguration>()));
        services.TryAddSingleton(sp => StorageClients.CreateTableService(sp.GetRequiredService<StorageConnection>()));
        services.TryAddSingleton(sp => StorageClients.CreateQueueService(sp.GetRequiredService<StorageConnection>()));
        services.TryAddSingleton(sp => StorageClients.CreateBlobService(sp.GetRequiredService<StorageConnection>()));
        return services;
    }
}
