using Connector.Core.Configuration;
using Connector.Core.Watchdog;
using Connector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connector.Tests.Configuration;

/// <summary>The watchdog's settings (section <c>Webhook</c>) are validated at start-up; the failure names the setting, never the key in the URL.</summary>
public sealed class WatchdogSettingsTests
{
    [Theory]
    [InlineData("Webhook:WatchdogSchedule", "*/10 * * * *", "Webhook:WatchdogSchedule '*/10 * * * *' is not a six-field NCRONTAB")]
    [InlineData("Webhook:WatchdogSchedule", "every ten minutes", "Webhook:WatchdogSchedule")]
    [InlineData("Webhook:TargetUrl", "ftp://app.example/hook?code=abc123", "Webhook:TargetUrl 'ftp://app.example/hook?code=********' is not an absolute https:// URL")]
    [InlineData("Webhook:TargetUrl", "http://app.example/api/superoffice/webhook?code=abc123", "must use https://")]
    [InlineData("Webhook:Name", " ", "Webhook:Name must hold 1 to 200 characters")]
    [InlineData("Webhook:SilenceMinutes", "5", "Webhook:SilenceMinutes must be between 10 and 10080")]
    [InlineData("Webhook:RecoveryRatePerSecond", "0", "Webhook:RecoveryRatePerSecond must be between 0.1 and 1000")]
    [InlineData("Webhook:RecoveryRatePerSecond", "5000", "Webhook:RecoveryRatePerSecond")]
    public async Task Bad_values_stop_start_up_naming_the_setting(string key, string value, string fragment)
    {
        var message = await TestServices.StartupFailureAsync<WebhookOptions>(new Dictionary<string, string?> { [key] = value });
        Assert.Contains(fragment, message);
        Assert.DoesNotContain("abc123", message);
    }

    [Fact]
    public async Task Defaults_are_every_ten_minutes_120_minutes_of_silence_and_10_jobs_per_second()
    {
        await using var services = await TestServices.CreateAsync();
        var options = services.GetRequiredService<IOptions<WebhookOptions>>().Value;
        Assert.Equal("0 */10 * * * *", options.WatchdogSchedule);
        Assert.Equal(120, options.SilenceMinutes);
        Assert.Equal(10, options.RecoveryRatePerSecond);
        Assert.True(options.WatchdogEnabled);
    }

    [Fact]
    public async Task An_empty_schedule_turns_the_watchdog_off_and_a_timer_fire_does_nothing()
    {
        await using var services = await TestServices.CreateAsync(new Dictionary<string, string?>
        {
            ["Webhook:WatchdogSchedule"] = "",
            ["Webhook:TargetUrl"] = "http://127.0.0.1:1/api/superoffice/webhook",
        });
        Assert.False(services.GetRequiredService<IOptions<WebhookOptions>>().Value.WatchdogEnabled);

        var result = await services.GetRequiredService<WebhookWatchdog>().RunScheduledAsync();

        Assert.Equal(WatchdogOutcome.Disabled, result.Outcome);
        Assert.Null(result.Job);
        Assert.Empty(await new StorageProbe(services).JobRowsAsync());
    }

    [Fact]
    public async Task An_unresolved_key_vault_reference_does_not_stop_the_app_and_is_no_target()
    {
        await using var services = await TestServices.CreateAsync(new Dictionary<string, string?>
        {
            ["Webhook:TargetUrl"] = "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/webhook-target-url)",
        });
        var options = services.GetRequiredService<IOptions<WebhookOptions>>().Value;
        Assert.Null(DesiredWebhook.From(options).TargetUrl);
    }

    [Fact]
    public void The_target_url_key_is_masked_wherever_settings_are_shown() =>
        Assert.Equal("https://app.example/api/superoffice/webhook?code=********", SettingCatalog.Display("Webhook:TargetUrl", "https://app.example/api/superoffice/webhook?code=abc123"));
}
