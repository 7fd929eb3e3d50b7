using Microsoft.Extensions.Configuration;

namespace Connector.Core.Configuration;

/// <summary>
/// The prototype's setting names (its <c>.env</c>), mapped to ours. An alias only fills a setting that is not
/// set under its own name, so the new name always wins.
/// </summary>
public static class LegacySettingAliases
{
    public static readonly IReadOnlyDictionary<string, string> Map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["SO_CLIENT_ID"] = "SuperOffice:ClientId",
        ["SO_CLIENT_SECRET"] = "SuperOffice:ClientSecret",
        ["SO_REFRESH_TOKEN"] = "SuperOffice:RefreshToken",
        ["SO_REDIRECT_URI"] = "SuperOffice:RedirectUri",
        ["SO_ENVIRONMENT"] = "SuperOffice:Environment",
        ["SO_CONTEXT_IDENTIFIER"] = "SuperOffice:ContextIdentifier",
        ["SO_API_ASSOCIATE_ID"] = "SuperOffice:ApiAssociateId",
    };

    /// <summary>The settings the aliases provide, for keys not already set under their own name.</summary>
    public static Dictionary<string, string?> Resolve(IConfiguration configuration)
    {
        var resolved = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (legacy, current) in Map)
        {
            var value = configuration[legacy];
            if (!string.IsNullOrEmpty(value) && string.IsNullOrEmpty(configuration[current]))
            {
                resolved[current] = value;
            }
        }
        return resolved;
    }

    /// <summary>Adds the aliased values as the last (winning) source; it only holds keys that were unset.</summary>
    public static IConfigurationBuilder AddLegacySettingAliases(this IConfigurationManager configuration)
    {
        var resolved = Resolve(configuration);
        return resolved.Count == 0 ? configuration : configuration.AddInMemoryCollection(resolved);
    }
}
