using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Connector.Core.Sync;

/// <summary>
/// The sync cycle's services: <c>Sync</c> options (validated at start-up), the field map resolved against the UDF
/// layout (checked at start-up by <see cref="SyncStartupCheck"/>), contact state, and the processor the queue trigger
/// and the CLI's <c>sync</c> run. The SuperOffice side (<see cref="IContactGateway"/>) comes with the SuperOffice client.
/// </summary>
public static class SyncRegistration
{
    public static IServiceCollection AddContactSync(this IServiceCollection services)
    {
        services.AddOptions<SyncOptions>().BindConfiguration(SyncOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SyncOptions>, SyncOptionsValidator>());
        services.TryAddSingleton<ContactStateStore>();
        services.TryAddSingleton<SyncFieldMap>();
        services.TryAddSingleton<ContactSyncProcessor>();
        services.AddHostedService<SyncStartupCheck>();
        return services;
    }
}
