using Azure.Core;
using Azure.Identity;

namespace Connector.Functions.Telemetry;

/// <summary>
/// <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> (<c>ClientId={client id};Authorization=AAD</c>, or
/// <c>Authorization=AAD</c> for a system-assigned identity), the form the Functions host reads, turned into the managed
/// identity credential the Azure Monitor exporter ingests with. Application Insights has local (key) auth off in our
/// infrastructure, so without it every export would be refused.
/// </summary>
public sealed record AzureMonitorAuthentication(string? ClientId)
{
    public const string SettingName = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>The identity the setting names; null when it is empty; an error naming the setting when it cannot be read.</summary>
    public static AzureMonitorAuthentication? Parse(string? setting)
    {
        if (string.IsNullOrWhiteSpace(setting))
        {
            return null;
        }
        var parts = setting.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2, StringSplitOptions.TrimEntries))
            .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "", StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var authorization) || !authorization.Equals("AAD", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"{SettingName} must contain Authorization=AAD (and ClientId=<client id> for a user-assigned identity), e.g. ClientId=00000000-0000-0000-0000-000000000000;Authorization=AAD.");
        }
        var clientId = parts.GetValueOrDefault("ClientId");
        return new AzureMonitorAuthentication(string.IsNullOrEmpty(clientId) ? null : clientId);
    }

    /// <summary>A managed identity credential; it asks for a token only when the exporter first sends.</summary>
    public TokenCredential ToCredential() =>
        new ManagedIdentityCredential(ClientId is null ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(ClientId));
}
