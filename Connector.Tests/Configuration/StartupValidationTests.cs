using Connector.Core.Configuration;
using Connector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connector.Tests.Configuration;

/// <summary>Settings are validated when the app starts, and the failure names the setting to fix.</summary>
public sealed class StartupValidationTests
{
    private static Task<string> StartupFailureAsync<T>(Dictionary<string, string?> settings) where T : class =>
        TestServices.StartupFailureAsync<T>(settings);

    [Fact]
    public async Task No_webhook_secret_fails_naming_the_setting()
    {
        var message = await StartupFailureAsync<WebhookOptions>(new() { ["Webhook:Secret"] = null });
        Assert.Contains("Webhook:Secret", message);
    }

    [Fact]
    public async Task Unsigned_mode_must_be_explicit()
    {
        await using var services = await TestServices.CreateAsync(new Dictionary<string, string?> { ["Webhook:Secret"] = null, ["Webhook:AllowUnsigned"] = "true" });
        Assert.True(services.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowUnsigned);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0.5")]
    [InlineData("-1")]
    [InlineData("60.5")]
    [InlineData("NaN")]
    public async Task Claim_timeout_must_be_between_1_and_60_seconds(string seconds)
    {
        var message = await StartupFailureAsync<WebhookOptions>(new() { ["Webhook:ClaimTimeoutSeconds"] = seconds });
        Assert.Contains("Webhook:ClaimTimeoutSeconds must be between 1 and 60", message);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("60")]
    public async Task Claim_timeouts_at_the_limits_are_accepted(string seconds)
    {
        await using var services = await TestServices.CreateAsync(new Dictionary<string, string?> { ["Webhook:ClaimTimeoutSeconds"] = seconds });
        Assert.Equal(double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture),
            services.GetRequiredService<IOptions<WebhookOptions>>().Value.ClaimTimeoutSeconds);
    }

    [Theory]
    [InlineData("contact.created,contact.changed,person.changed", "person.changed")]
    [InlineData("contact.deleted", "contact.deleted")]
    [InlineData("sale.changed;contact.changed", "sale.changed")]
    public async Task Webhook_events_other_than_contact_created_and_changed_fail_naming_the_setting(string events, string refused)
    {
        var message = await StartupFailureAsync<WebhookOptions>(new() { ["Webhook:Events"] = events });
        Assert.Contains("Webhook:Events", message);
        Assert.Contains(refused, message);
        Assert.Contains("contact.created", message);
    }

    [Theory]
    [InlineData("contact.created,contact.changed")]
    [InlineData("contact.changed")]
    [InlineData("Contact.Created")]
    public async Task Contact_events_are_accepted(string events)
    {
        await using var services = await TestServices.CreateAsync(new Dictionary<string, string?> { ["Webhook:Events"] = events });
        Assert.NotEmpty(services.GetRequiredService<IOptions<WebhookOptions>>().Value.EventSet);
    }

    [Theory]
    [InlineData(null, "is not set")]
    [InlineData("online3", "unknown")]
    [InlineData("production", "unknown")]
    public async Task Environment_must_be_set_and_known(string? environment, string fragment)
    {
        var message = await StartupFailureAsync<SuperOfficeOptions>(new() { ["SuperOffice:Environment"] = environment });
        Assert.Contains("SuperOffice:Environment", message);
        Assert.Contains(fragment, message);
    }

    [Theory]
    [InlineData("sod", "sod")]
    [InlineData("qaonline", "qaonline")]
    [InlineData("stage", "qaonline")]
    [InlineData("Online", "online")]
    public async Task Known_environments_are_accepted(string environment, string normalized)
    {
        await using var services = await TestServices.CreateAsync(new Dictionary<string, string?> { ["SuperOffice:Environment"] = environment });
        var options = services.GetRequiredService<IOptions<SuperOfficeOptions>>().Value;
        Assert.Equal(normalized, options.NormalizedEnvironment);
        Assert.Equal(new Uri($"https://{normalized}.superoffice.com/"), options.LoginBase);
    }

    [Fact]
    public async Task Missing_api_associate_id_fails_and_says_how_to_find_it()
    {
        var message = await StartupFailureAsync<SuperOfficeOptions>(new() { ["SuperOffice:ApiAssociateId"] = null });
        Assert.Contains("SuperOffice:ApiAssociateId", message);
        Assert.Contains("who-am-i", message);
    }

    [Fact]
    public async Task Missing_tenant_fails_naming_the_setting()
    {
        var message = await StartupFailureAsync<SuperOfficeOptions>(new() { ["SuperOffice:ContextIdentifier"] = null });
        Assert.Contains("SuperOffice:ContextIdentifier", message);
    }

    [Fact]
    public async Task Prototype_setting_names_fill_unset_settings_and_never_override_new_ones()
    {
        await using var services = await TestServices.CreateAsync(new Dictionary<string, string?>
        {
            ["SuperOffice:Environment"] = null,
            ["SuperOffice:ContextIdentifier"] = "Cust12345",
            ["SO_ENVIRONMENT"] = "online",
            ["SO_CONTEXT_IDENTIFIER"] = "Cust00001",
            ["SuperOffice:ClientId"] = null,
            ["SO_CLIENT_ID"] = "client-from-dotenv",
        });
        var options = services.GetRequiredService<IOptions<SuperOfficeOptions>>().Value;
        Assert.Equal("online", options.Environment);
        Assert.Equal("Cust12345", options.ContextIdentifier);
        Assert.Equal("client-from-dotenv", options.ClientId);
    }
}
