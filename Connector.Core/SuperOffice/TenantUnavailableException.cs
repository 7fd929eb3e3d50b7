namespace Connector.Core.SuperOffice;

/// <summary>The tenant's state (from <c>api/state/{ContextIdentifier}</c>) says its API is not available, e.g. <c>OfflineMaintenance</c>.</summary>
public sealed class TenantUnavailableException(string contextIdentifier, string state, Exception? inner = null)
    : SuperOfficeApiException($"SuperOffice tenant {contextIdentifier} is not running (state {state}); try again later.", null, null, isTransient: true, inner)
{
    public string ContextIdentifier { get; } = contextIdentifier;

    /// <summary>The state name SuperOffice reported, e.g. <c>OfflineMaintenance</c>, <c>Suspended</c>.</summary>
    public string State { get; } = state;
}
