using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Connector.Tests.Infrastructure;

namespace Connector.Tests.Infra;

/// <summary>
/// infra/main.bicep, compiled once (<c>bicep build</c>: the ARM JSON and what Bicep printed) and evaluated once with
/// test parameters (<c>bicep snapshot</c>: the resources Azure would be asked for, with names, parameters, variables and
/// module inputs resolved). Secure parameters are never evaluated by the snapshot, so the paths secrets take are checked
/// on the compiled template.
/// </summary>
public class BicepBuild : IAsyncLifetime
{
    public const string SubscriptionId = "00000000-0000-0000-0000-0000000000a1";
    public const string TenantId = "00000000-0000-0000-0000-0000000000b2";
    public const string Location = "westeurope";

    public JsonObject Template { get; private set; } = [];
    /// <summary>The compiled template as Bicep wrote it (for searches in expressions).</summary>
    public string TemplateText { get; private set; } = "";
    public string Diagnostics { get; private set; } = "";
    public DeploymentSnapshot Snapshot { get; private set; } = null!;
    /// <summary>The same deployment with App Service authentication (Entra ID) turned on.</summary>
    public DeploymentSnapshot EntraSnapshot { get; private set; } = null!;

    public const string EntraClientId = "00000000-0000-0000-0000-0000000000c3";

    /// <summary>What <see cref="EntraSnapshot"/> adds to <see cref="Parameters"/>.</summary>
    public static IReadOnlyDictionary<string, object> EntraParameters { get; } = new Dictionary<string, object>
    {
        ["entraAuthEnabled"] = true,
        ["entraClientId"] = EntraClientId,
    };

    /// <summary>The values the test deployment is given (plain settings, and a recognisable marker for each secret).</summary>
    public static IReadOnlyDictionary<string, object> Parameters { get; } = new Dictionary<string, object>
    {
        ["environmentName"] = "connector-test",
        ["location"] = Location,
        ["superOfficeEnvironment"] = "online",
        ["superOfficeContextIdentifier"] = "Cust12345",
        ["superOfficeApiAssociateId"] = 528,
        ["superOfficeClientId"] = "client-id-1",
        ["companyExplorerBaseUrl"] = "https://companyexplorer.example/api/",
        ["syncFieldMap"] = "vertical=SuperOffice:5;summary=SuperOffice:6",
        ["superOfficeClientSecret"] = Marker("superOfficeClientSecret"),
        ["superOfficeRefreshToken"] = Marker("superOfficeRefreshToken"),
        ["webhookSecret"] = Marker("webhookSecret"),
        ["companyExplorerApiKey"] = Marker("companyExplorerApiKey"),
        ["superOfficeSystemUserToken"] = Marker("superOfficeSystemUserToken"),
        ["superOfficePrivateKey"] = Marker("superOfficePrivateKey"),
        ["webhookPreviousSecret"] = Marker("webhookPreviousSecret"),
        ["webhookFunctionKey"] = Marker("webhookFunctionKey"),
    };

    /// <summary>The values this build's snapshot is evaluated with (<see cref="Parameters"/> unless a subclass adds some).</summary>
    protected virtual IReadOnlyDictionary<string, object> DeploymentParameters => Parameters;

    public static string Marker(string parameter) => $"MARKER-{parameter}-7d1f";

    public async Task InitializeAsync()
    {
        await BicepCli.EnsureInstalledAsync();
        var work = Directory.CreateTempSubdirectory("connector-bicep-");
        try
        {
            var compiled = Path.Combine(work.FullName, "main.json");
            var (stdout, stderr) = await BicepCli.RunAsync("build", RepositoryRoot.Combine("infra", "main.bicep"), "--outfile", compiled);
            Diagnostics = (stdout + stderr).Trim();
            TemplateText = await File.ReadAllTextAsync(compiled);
            Template = JsonNode.Parse(TemplateText)!.AsObject();

            Snapshot = await SnapshotAsync(work.FullName, "test", DeploymentParameters);
            EntraSnapshot = await SnapshotAsync(work.FullName, "entra", DeploymentParameters.Concat(EntraParameters).ToDictionary());
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<DeploymentSnapshot> SnapshotAsync(string folder, string name, IReadOnlyDictionary<string, object> parameters)
    {
        var file = Path.Combine(folder, name + ".bicepparam");
        await File.WriteAllTextAsync(file, ParametersFile(folder, parameters));
        await BicepCli.RunAsync("snapshot", file, "--mode", "overwrite",
            "--subscription-id", SubscriptionId, "--tenant-id", TenantId, "--location", Location);
        return DeploymentSnapshot.Parse(await File.ReadAllTextAsync(Path.Combine(folder, name + ".snapshot.json")));
    }

    /// <summary>A .bicepparam for <paramref name="parameters"/>; Bicep wants the template by a relative path.</summary>
    private static string ParametersFile(string folder, IReadOnlyDictionary<string, object> parameters)
    {
        var template = Path.GetRelativePath(folder, RepositoryRoot.Combine("infra", "main.bicep")).Replace('\\', '/');
        var text = new StringBuilder($"using '{template}'\n");
        foreach (var (name, value) in parameters)
        {
            var literal = value switch
            {
                string s => $"'{s}'",
                bool b => b ? "true" : "false",
                _ => value,
            };
            text.Append(CultureInfo.InvariantCulture, $"param {name} = {literal}\n");
        }
        return text.ToString();
    }

    /// <summary>The compiled template of module <paramref name="deploymentName"/> (e.g. <c>keyvault</c>) and what main passes it.</summary>
    public (JsonObject Template, JsonObject Parameters) Module(string deploymentName)
    {
        var deployment = Assert.Single(Resources(Template), r =>
            (string?)r["type"] == "Microsoft.Resources/deployments" && (string?)r["name"] == deploymentName);
        return ((JsonObject)deployment["properties"]!["template"]!, (JsonObject)deployment["properties"]!["parameters"]!);
    }

    /// <summary>The main template and every module template in it.</summary>
    public IEnumerable<(string Name, JsonObject Template)> AllTemplates() =>
        Resources(Template)
            .Where(r => (string?)r["type"] == "Microsoft.Resources/deployments")
            .Select(r => ((string)r["name"]!, (JsonObject)r["properties"]!["template"]!))
            .Prepend(("main", Template));

    private static IEnumerable<JsonObject> Resources(JsonObject template) => template["resources"] switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonObject symbolic => symbolic.Select(p => p.Value).OfType<JsonObject>(),
        _ => [],
    };
}
