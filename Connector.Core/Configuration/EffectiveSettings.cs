using Connector.Core.Storage;
using Microsoft.Extensions.Configuration;

namespace Connector.Core.Configuration;

/// <summary>
/// Every setting of <see cref="SettingCatalog"/> (and identity-based storage keys when present) with its effective
/// value, each secret masked by <see cref="SettingCatalog.Display"/>. Nothing else of the configuration is shown.
/// </summary>
public sealed class EffectiveSettings(IConfiguration configuration)
{
    public IReadOnlyList<EffectiveSetting> List()
    {
        var known = SettingCatalog.Settings.ToList();
        foreach (var child in configuration.GetSection(StorageConnection.SettingName).GetChildren())
        {
            if (child.Value is not null)
            {
                known.Insert(1, new KnownSetting(child.Path, SettingCatalog.IsSecret(child.Path), null));
            }
        }
        return known.Select(setting =>
        {
            var value = configuration[setting.Key];
            return new EffectiveSetting(setting.Key, SettingCatalog.Display(setting.Key, value), value is not null, setting.IsSecret, setting.Default);
        }).ToList();
    }
}
