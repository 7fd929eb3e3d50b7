using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace Connector.Core.Storage;

/// <summary>
/// Reads the storage setting the Functions host uses (<c>AzureWebJobsStorage</c>) in either of its two forms:
/// a connection string (Azurite, local runs), or identity-based keys
/// (<c>AzureWebJobsStorage__accountName</c> or <c>__blobServiceUri</c>/<c>__queueServiceUri</c>/<c>__tableServiceUri</c>,
/// with <c>__credential</c> = <c>managedidentity</c> and <c>__clientId</c> for a user-assigned identity).
/// </summary>
public sealed record StorageConnection
{
    public const string SettingName = "AzureWebJobsStorage";

    public string? ConnectionString { get; private init; }
    public Uri? BlobServiceUri { get; private init; }
    public Uri? QueueServiceUri { get; private init; }
    public Uri? TableServiceUri { get; private init; }
    public TokenCredential? Credential { get; private init; }

    public bool UsesIdentity => ConnectionString is null;

    public static StorageConnection From(IConfiguration configuration, string settingName = SettingName)
    {
        var value = configuration[settingName];
        if (!string.IsNullOrWhiteSpace(value))
        {
            return new StorageConnection { ConnectionString = value };
        }

        var section = configuration.GetSection(settingName);
        var accountName = section["accountName"];
        var missing = new List<string>();
        Uri? Endpoint(string key, string service)
        {
            var raw = section[key];
            if (!string.IsNullOrWhiteSpace(raw))
            {
                // A mistyped URI is an error, never quietly replaced by the account name's endpoint.
                return Uri.TryCreate(raw.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
                    ? uri
                    : throw new InvalidOperationException(
                        $"{settingName}__{key} '{raw}' is not an absolute URL; set it to the service endpoint, e.g. https://<account>.{service}.core.windows.net/.");
            }
            if (string.IsNullOrWhiteSpace(accountName))
            {
                missing.Add($"{settingName}__{key}");
                return null;
            }
            return new Uri($"https://{accountName.Trim()}.{service}.core.windows.net/");
        }

        var blob = Endpoint("blobServiceUri", "blob");
        var queue = Endpoint("queueServiceUri", "queue");
        var table = Endpoint("tableServiceUri", "table");
        if (blob is null || queue is null || table is null)
        {
            throw new InvalidOperationException(missing.Count == 3
                ? $"{settingName} is not set. Set it to a connection string (UseDevelopmentStorage=true for Azurite), " +
                  $"or set {settingName}__accountName (or the three {settingName}__blobServiceUri/__queueServiceUri/__tableServiceUri) for a managed identity."
                : $"{settingName} has no accountName and is missing {string.Join(", ", missing)}; " +
                  $"set {settingName}__accountName, or all three service URIs.");
        }

        return new StorageConnection
        {
            BlobServiceUri = blob,
            QueueServiceUri = queue,
            TableServiceUri = table,
            Credential = CreateCredential(section["credential"], section["clientId"]),
        };
    }

    private static TokenCredential CreateCredential(string? kind, string? clientId) =>
        string.Equals(kind, "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(string.IsNullOrWhiteSpace(clientId)
                ? ManagedIdentityId.SystemAssigned
                : ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential(new DefaultAzureCredentialOptions
            {
                ManagedIdentityClientId = string.IsNullOrWhiteSpace(clientId) ? null : clientId,
            });
}
