using System.Globalization;
using System.Reflection;
using Connector.Core.Enrichment;
using Connector.Core.Jobs;
using Connector.Core.Storage;
using Connector.Core.SuperOffice;
using Connector.Core.Sync;
using Connector.Core.Telemetry;

namespace Connector.Core.Configuration;

/// <summary>
/// Every setting the options classes know (read from their public properties), plus <c>AzureWebJobsStorage</c>,
/// and how to show a value without giving a secret away.
/// </summary>
public static class SettingCatalog
{
    /// <summary>The options classes bound from configuration; each has a <c>Section</c> constant.</summary>
    public static readonly IReadOnlyList<Type> OptionTypes =
    [
        typeof(SuperOfficeOptions),
        typeof(SuperOfficeHttpOptions),
        typeof(WebhookOptions),
        typeof(CompanyExplorerOptions),
        typeof(SyncOptions),
        typeof(ProductReportOptions),
        typeof(TelemetryOptions),
        typeof(JobsOptions),
    ];

    private static readonly string[] SecretSuffixes = ["Secret", "Token", "Password", "Key", "ConnectionString"];

    public static IReadOnlyList<KnownSetting> Settings { get; } = Discover();

    /// <summary>Secret by name: ends with Secret, Token, Password, Key or ConnectionString; and the storage connection string.</summary>
    public static bool IsSecret(string key)
    {
        var name = key[(key.LastIndexOf(':') + 1)..];
        return string.Equals(key, StorageConnection.SettingName, StringComparison.OrdinalIgnoreCase)
               || SecretSuffixes.Any(s => name.EndsWith(s, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// A value as it may be shown: a secret becomes <c>********</c> (short) or its first 2 characters, <c>…</c> and its length;
    /// a storage connection string keeps its shape but loses its keys and signatures.
    /// </summary>
    public static string? Display(string key, string? value)
    {
        if (value is null || !IsSecret(key))
        {
            // A URL's key (Webhook:TargetUrl's ?code=) is a secret inside a plain setting.
            return SecretUrl.Mask(value);
        }
        if (value.Length == 0)
        {
            return "";
        }
        if (string.Equals(key, StorageConnection.SettingName, StringComparison.OrdinalIgnoreCase) && value.Contains('='))
        {
            return MaskConnectionString(value);
        }
        return Mask(value);
    }

    public static string Mask(string value) =>
        value.Length < 12 ? "********" : $"{value[..2]}…({value.Length} chars)";

    private static string MaskConnectionString(string value) =>
        string.Join(";", value.Split(';').Select(part =>
        {
            var equals = part.IndexOf('=');
            if (equals < 0)
            {
                return part;
            }
            var name = part[..equals].Trim();
            return name.Equals("AccountKey", StringComparison.OrdinalIgnoreCase)
                   || name.Equals("SharedAccessSignature", StringComparison.OrdinalIgnoreCase)
                   || name.Equals("sig", StringComparison.OrdinalIgnoreCase)
                ? name + "=********"
                : part;
        }));

    private static List<KnownSetting> Discover()
    {
        var settings = new List<KnownSetting> { new(StorageConnection.SettingName, true, null) };
        foreach (var type in OptionTypes)
        {
            var section = (string)type.GetField("Section", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
            var defaults = Activator.CreateInstance(type);
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.SetMethod is not { IsPublic: true } || !IsScalar(property.PropertyType))
                {
                    continue;
                }
                var key = $"{section}:{property.Name}";
                settings.Add(new KnownSetting(key, IsSecret(key), DefaultText(property.GetValue(defaults))));
            }
        }
        return settings;
    }

    private static bool IsScalar(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(Uri) || t == typeof(TimeSpan);
    }

    private static string? DefaultText(object? value) => value switch
    {
        null => null,
        string s => s.Length == 0 ? null : s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
