using Connector.Core.Configuration;
using Connector.Core.SuperOffice;
using Connector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connector.Tests.SuperOffice;

/// <summary>The auth and HTTP settings are checked at start-up; the failure names the setting and never shows a secret.</summary>
public sealed class SuperOfficeStartupTests
{
    private static Task<string> FailureAsync<T>(Dictionary<string, string?> settings) where T : class => TestServices.StartupFailureAsync<T>(settings);

    [Theory]
    [InlineData("SuperOffice:ClientSecret")]
    [InlineData("SuperOffice:ClientId")]
    [InlineData("SuperOffice:RefreshToken")]
    public async Task Refresh_token_mode_needs_its_settings(string setting) =>
        Assert.Contains(setting, await FailureAsync<SuperOfficeOptions>(new() { [setting] = null }));

    [Fact]
    public async Task System_user_mode_needs_token_and_key()
    {
        var message = await FailureAsync<SuperOfficeOptions>(new() { ["SuperOffice:AuthMode"] = "SystemUser", ["SuperOffice:ClientId"] = null, ["SuperOffice:RefreshToken"] = null });
        Assert.Contains("SuperOffice:SystemUserToken", message);
        Assert.Contains("SuperOffice:PrivateKey", message);
        Assert.DoesNotContain("SuperOffice:RefreshToken", message);
    }

    [Fact]
    public async Task A_private_key_that_is_no_key_fails_without_showing_it()
    {
        var message = await FailureAsync<SuperOfficeOptions>(new()
        {
            ["SuperOffice:AuthMode"] = "SystemUser",
            ["SuperOffice:SystemUserToken"] = "App-1",
            ["SuperOffice:PrivateKey"] = "very-secret-garbage",
        });
        Assert.Contains("SuperOffice:PrivateKey", message);
        Assert.DoesNotContain("very-secret-garbage", message);
    }

    [Fact]
    public async Task The_total_timeout_stays_well_under_the_function_timeout() =>
        Assert.Contains("TotalTimeoutSeconds", await FailureAsync<SuperOfficeHttpOptions>(new() { ["SuperOffice:Http:TotalTimeoutSeconds"] = "900" }));

    [Fact]
    public async Task The_default_settings_compose_every_client()
    {
        await using var services = await TestServices.CreateAsync();
        Assert.NotNull(services.GetRequiredService<SuperOfficeClient>());
        Assert.NotNull(services.GetRequiredService<SuperOfficeWebhookClient>());
        Assert.NotNull(services.GetRequiredService<SuperOfficeArchiveClient>());
        Assert.IsType<RefreshTokenSignIn>(services.GetRequiredService<ISuperOfficeSignIn>());
        Assert.Equal(UdfWriteMode.Patch, services.GetRequiredService<IOptions<SuperOfficeOptions>>().Value.UdfWriteMode);
    }
}
