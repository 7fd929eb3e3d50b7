using System.Text.Json.Nodes;

namespace Connector.Tests.Infra;

/// <summary>App Service authentication with Entra ID: off unless asked for; when on, everything but the webhook needs a signed-in user.</summary>
public sealed class EntraAuthTests(BicepBuild build) : IClassFixture<BicepBuild>
{
    private static IEnumerable<JsonObject> AuthSettings(DeploymentSnapshot snapshot) =>
        snapshot.OfType("Microsoft.Web/sites/config").Where(c => ((string)c["name"]!).EndsWith("/authsettingsV2", StringComparison.Ordinal));

    [Fact]
    public void Authentication_is_off_by_default()
    {
        Assert.Empty(AuthSettings(build.Snapshot));
        Assert.Equal("30", (string?)build.Snapshot.AppSettings()["Jobs__RetentionDays"]);
    }

    [Fact]
    public void Turned_on_it_requires_an_entra_sign_in_for_everything_but_the_webhook()
    {
        var auth = Assert.Single(AuthSettings(build.EntraSnapshot))["properties"]!;
        Assert.True((bool)auth["platform"]!["enabled"]!);
        var validation = auth["globalValidation"]!;
        Assert.True((bool)validation["requireAuthentication"]!);
        Assert.Equal("RedirectToLoginPage", (string?)validation["unauthenticatedClientAction"]);
        Assert.Equal(["/api/superoffice/webhook"], validation["excludedPaths"]!.AsArray().Select(p => (string?)p));
        var entra = auth["identityProviders"]!["azureActiveDirectory"]!;
        Assert.True((bool)entra["enabled"]!);
        Assert.Equal(BicepBuild.EntraClientId, (string?)entra["registration"]!["clientId"]);
        // The login host comes from environment() (the snapshot leaves it unevaluated); the tenant is the subscription's.
        var issuer = (string)entra["registration"]!["openIdIssuer"]!;
        Assert.Contains("environment().authentication.loginEndpoint", issuer);
        Assert.Contains($"'{BicepBuild.TenantId}'", issuer);
        Assert.Contains("/v2.0", issuer);
        Assert.Contains($"api://{BicepBuild.EntraClientId}", entra["validation"]!["allowedAudiences"]!.AsArray().Select(a => (string?)a));
        Assert.True((bool)auth["httpSettings"]!["requireHttps"]!);
        // Nothing else about the app changes.
        Assert.Equal(build.Snapshot.AppSettings().ToJsonString(), build.EntraSnapshot.AppSettings().ToJsonString());
    }
}
