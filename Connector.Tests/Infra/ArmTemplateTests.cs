using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Connector.Tests.Infrastructure;

namespace Connector.Tests.Infra;

/// <summary>
/// The security and wiring invariants of infra/main.bicep, checked on the ARM JSON the Bicep CLI compiles it to.
/// Parameters, variables and module inputs are evaluated (see <see cref="ArmScope"/>), so the tests read what
/// Azure would be asked for, not how the Bicep happens to be written.
/// </summary>
public sealed partial class ArmTemplateTests(BicepBuild build) : IClassFixture<BicepBuild>
{
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";

    /// <summary>Secret app setting -> the main.bicep parameter its value comes from.</summary>
    public static readonly TheoryData<string, string> SecretSettings = new()
    {
        { "SuperOffice__ClientSecret", "superOfficeClientSecret" },
        { "SuperOffice__RefreshToken", "superOfficeRefreshToken" },
        { "SuperOffice__SystemUserToken", "superOfficeSystemUserToken" },
        { "SuperOffice__PrivateKey", "superOfficePrivateKey" },
        { "Webhook__Secret", "webhookSecret" },
        { "Webhook__PreviousSecret", "webhookPreviousSecret" },
        { "CompanyExplorer__ApiKey", "companyExplorerApiKey" },
    };

    /// <summary>Secrets every deployment needs: no default at all, so azd asks for them.</summary>
    private static readonly string[] RequiredSecretParameters =
        ["superOfficeClientSecret", "superOfficeRefreshToken", "webhookSecret", "companyExplorerApiKey"];

    private static readonly string[] OptionalSecretParameters =
        ["superOfficeSystemUserToken", "superOfficePrivateKey", "webhookPreviousSecret"];

    private static string Marker(string parameter) => $"MARKER-{parameter}-7d1f";

    /// <summary>The values a deployment is given: plain settings, and a recognisable marker for each secret.</summary>
    private static Dictionary<string, object?> DeploymentParameters(bool withOptionalSecrets = true)
    {
        var parameters = new Dictionary<string, object?>
        {
            ["environmentName"] = "connector-test",
            ["location"] = "westeurope",
            ["superOfficeEnvironment"] = "online",
            ["superOfficeContextIdentifier"] = "Cust12345",
            ["superOfficeApiAssociateId"] = 528L,
            ["superOfficeClientId"] = "client-id-1",
            ["companyExplorerBaseUrl"] = "https://companyexplorer.example/api/",
            ["syncFieldMap"] = "vertical=SuperOffice:5;summary=SuperOffice:6",
        };
        foreach (var name in RequiredSecretParameters)
        {
            parameters[name] = Marker(name);
        }
        foreach (var name in OptionalSecretParameters)
        {
            parameters[name] = withOptionalSecrets ? Marker(name) : "";
        }
        return parameters;
    }

    private ArmTemplate Main(bool withOptionalSecrets = true) =>
        ArmTemplate.Root(build.Template, DeploymentParameters(withOptionalSecrets));

    private static Dictionary<string, object?> Properties(ArmTemplate template, JsonObject resource) =>
        (Dictionary<string, object?>)template.Scope.Evaluate(resource["properties"])!;

    private static Dictionary<string, object?> AppSettings(ArmTemplate main)
    {
        var function = main.ModuleDeclaring("Microsoft.Web/sites");
        var config = Assert.Single(function.OfType("Microsoft.Web/sites/config"));
        Assert.EndsWith("/appsettings", ArmScope.AsText(function.Scope.Evaluate(config["name"])));
        return Properties(function, config);
    }

    /// <summary>A value Azure only knows at deployment: the output of module <paramref name="module"/>.</summary>
    private static bool IsOutputOf(object? value, ArmTemplate module, string output) =>
        value is RuntimeValue runtime
        && runtime.Text.StartsWith("reference(", StringComparison.Ordinal)
        && runtime.Text.Contains($"/providers/Microsoft.Resources/deployments/{module.Name},", StringComparison.Ordinal)
        && runtime.Text.EndsWith($".outputs.{output}.value", StringComparison.Ordinal);

    [Fact]
    public void Bicep_compiles_it_without_warnings()
    {
        Assert.Equal("", build.Diagnostics);
        Assert.Equal("subscriptionDeploymentTemplate.json#", ((string)build.Template["$schema"]!).Split('/')[^1]);
    }

    [Fact]
    public void Storage_account_allows_no_shared_key_no_public_blobs_and_only_https_with_tls_1_2()
    {
        var storage = Main().ModuleDeclaring("Microsoft.Storage/storageAccounts");
        var properties = Properties(storage, Assert.Single(storage.OfType("Microsoft.Storage/storageAccounts")));

        Assert.Equal(false, properties["allowSharedKeyAccess"]);
        Assert.Equal("TLS1_2", properties["minimumTlsVersion"]);
        Assert.Equal(false, properties["allowBlobPublicAccess"]);
        Assert.Equal(true, properties["supportsHttpsTrafficOnly"]);
        Assert.Equal(true, properties["defaultToOAuthAuthentication"]);
    }

    [Fact]
    public void No_storage_key_is_read_anywhere()
    {
        var json = build.Template.ToJsonString();
        Assert.DoesNotContain("listKeys(", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AccountKey=", json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Storage_holds_the_connectors_queues_table_reports_container_and_the_deployment_container()
    {
        var main = Main();
        var storage = main.ModuleDeclaring("Microsoft.Storage/storageAccounts");
        var function = main.ModuleDeclaring("Microsoft.Web/sites");

        Assert.Equal(["contact-sync", "contact-sync-poison"], (List<object?>)storage.Parameter("queues")!);
        Assert.Equal(["jobs"], (List<object?>)storage.Parameter("tables")!);
        var containers = (List<object?>)storage.Parameter("containers")!;
        Assert.Contains("reports", containers);
        Assert.Contains(function.Parameter("deploymentContainerName"), containers);
        Assert.Single(storage.OfType("Microsoft.Storage/storageAccounts/queueServices/queues"));
        Assert.Single(storage.OfType("Microsoft.Storage/storageAccounts/tableServices/tables"));
        Assert.Single(storage.OfType("Microsoft.Storage/storageAccounts/blobServices/containers"));
    }

    [Fact]
    public void Function_app_is_flex_consumption_dotnet_isolated_10_https_only_tls_1_2_as_the_user_assigned_identity()
    {
        var main = Main();
        var function = main.ModuleDeclaring("Microsoft.Web/sites");
        var identity = main.ModuleDeclaring("Microsoft.ManagedIdentity/userAssignedIdentities");
        var identityId = function.Parameter("identityId");
        Assert.True(IsOutputOf(identityId, identity, "id"), $"identityId is {identityId}");

        var plan = Assert.Single(function.OfType("Microsoft.Web/serverfarms"));
        Assert.Equal("FC1", (string?)plan["sku"]?["name"]);
        Assert.Equal("FlexConsumption", (string?)plan["sku"]?["tier"]);

        var site = Assert.Single(function.OfType("Microsoft.Web/sites"));
        Assert.Equal("functionapp,linux", (string?)site["kind"]);
        var siteIdentity = (Dictionary<string, object?>)function.Scope.Evaluate(site["identity"])!;
        Assert.Equal("UserAssigned", siteIdentity["type"]);
        Assert.Equal(new[] { ArmScope.AsText(identityId) }, ((Dictionary<string, object?>)siteIdentity["userAssignedIdentities"]!).Keys);

        var properties = Properties(function, site);
        Assert.Equal(true, properties["httpsOnly"]);
        Assert.Equal(identityId, properties["keyVaultReferenceIdentity"]);
        var siteConfig = (Dictionary<string, object?>)properties["siteConfig"]!;
        Assert.Equal("1.2", siteConfig["minTlsVersion"]);
        Assert.Equal("Disabled", siteConfig["ftpsState"]);

        var config = (Dictionary<string, object?>)properties["functionAppConfig"]!;
        var runtime = (Dictionary<string, object?>)config["runtime"]!;
        Assert.Equal("dotnet-isolated", runtime["name"]);
        Assert.Equal("10.0", runtime["version"]);
        var deployment = (Dictionary<string, object?>)((Dictionary<string, object?>)config["deployment"]!)["storage"]!;
        Assert.Equal("blobContainer", deployment["type"]);
        var authentication = (Dictionary<string, object?>)deployment["authentication"]!;
        Assert.Equal("UserAssignedIdentity", authentication["type"]);
        Assert.Equal(identityId, authentication["userAssignedIdentityResourceId"]);
    }

    [Fact]
    public void No_publishing_with_user_names_and_passwords()
    {
        var function = Main().ModuleDeclaring("Microsoft.Web/sites");
        var policies = function.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();
        Assert.Equal(["ftp", "scm"], policies.Select(p => ArmScope.AsText(function.Scope.Evaluate(p["name"])).Split('/')[^1]).Order());
        Assert.All(policies, p => Assert.Equal(false, Properties(function, p)["allow"]));
    }

    [Fact]
    public void The_apps_identity_gets_the_three_storage_data_roles_on_the_storage_account()
    {
        var main = Main();
        var identity = main.ModuleDeclaring("Microsoft.ManagedIdentity/userAssignedIdentities");
        var storage = main.ModuleDeclaring("Microsoft.Storage/storageAccounts");
        var rbac = main.ModuleDeclaring("Microsoft.Authorization/roleAssignments");

        var principal = rbac.Parameter("principalId");
        Assert.True(IsOutputOf(principal, identity, "principalId"), $"principalId is {principal}");
        var principalOutput = ArmScope.AsText(identity.Scope.Evaluate(identity.Template["outputs"]?["principalId"]?["value"]));
        Assert.Contains("Microsoft.ManagedIdentity/userAssignedIdentities/", principalOutput);
        Assert.EndsWith(".principalId}", principalOutput);
        var storageName = rbac.Parameter("storageAccountName");
        Assert.True(IsOutputOf(storageName, storage, "name"), $"storageAccountName is {storageName}");

        var storageScope = $"Microsoft.Storage/storageAccounts/{ArmScope.AsText(storageName)}";
        var onStorage = Assignments(rbac).Where(a => a.Scope == storageScope).ToList();
        Assert.Equal(
            new[] { StorageBlobDataOwner, StorageQueueDataContributor, StorageTableDataContributor }.Order(),
            onStorage.Select(a => a.Role).Order());
        Assert.All(onStorage, a =>
        {
            Assert.Equal(principal, a.Principal);
            Assert.Equal("ServicePrincipal", a.PrincipalType);
        });
    }

    [Fact]
    public void The_apps_identity_may_publish_telemetry_and_read_the_vaults_secrets()
    {
        var main = Main();
        var rbac = main.ModuleDeclaring("Microsoft.Authorization/roleAssignments");
        var assignments = Assignments(rbac).ToList();
        var principal = rbac.Parameter("principalId");

        var metrics = Assert.Single(assignments, a => a.Role == MonitoringMetricsPublisher);
        Assert.Equal($"Microsoft.Insights/components/{ArmScope.AsText(rbac.Parameter("applicationInsightsName"))}", metrics.Scope);
        var secrets = Assert.Single(assignments, a => a.Role == KeyVaultSecretsUser);
        Assert.Equal($"Microsoft.KeyVault/vaults/{ArmScope.AsText(rbac.Parameter("keyVaultName"))}", secrets.Scope);
        Assert.All(assignments, a => Assert.Equal(principal, a.Principal));
    }

    private static IEnumerable<(string Role, string Scope, object? Principal, object? PrincipalType)> Assignments(ArmTemplate rbac) =>
        rbac.OfType("Microsoft.Authorization/roleAssignments").Select(resource =>
        {
            var properties = Properties(rbac, resource);
            var roleDefinition = ArmScope.AsText(properties["roleDefinitionId"]);
            Assert.StartsWith("/subscriptions/", roleDefinition);
            Assert.Contains("/providers/Microsoft.Authorization/roleDefinitions/", roleDefinition);
            return (roleDefinition.Split('/')[^1], ArmScope.AsText(rbac.Scope.Evaluate(resource["scope"])),
                properties["principalId"], properties["principalType"]);
        });

    [Theory]
    [MemberData(nameof(SecretSettings))]
    public void A_secret_setting_is_a_key_vault_reference_to_the_secret_stored_from_its_parameter(string setting, string parameter)
    {
        var main = Main();
        var vault = main.ModuleDeclaring("Microsoft.KeyVault/vaults");
        var value = ArmScope.AsText(AppSettings(main)[setting]);

        var match = KeyVaultReference().Match(value);
        Assert.True(match.Success, $"{setting} = {value}");
        Assert.Contains($"/providers/Microsoft.Resources/deployments/{vault.Name},", match.Groups["vault"].Value);
        Assert.EndsWith(".outputs.uri.value", match.Groups["vault"].Value);

        var stored = (Dictionary<string, object?>)vault.Parameter("secrets")!;
        Assert.Equal(Marker(parameter), stored[match.Groups["secret"].Value]);
        var vaultUri = ArmScope.AsText(vault.Scope.Evaluate(vault.Template["outputs"]?["uri"]?["value"]));
        Assert.EndsWith(".vaultUri}", vaultUri);
    }

    [Theory]
    [InlineData("SuperOffice__SystemUserToken")]
    [InlineData("SuperOffice__PrivateKey")]
    [InlineData("Webhook__PreviousSecret")]
    public void An_optional_secret_that_is_not_given_leaves_its_setting_empty(string setting)
    {
        Assert.Equal("", AppSettings(Main(withOptionalSecrets: false))[setting]);
    }

    [Fact]
    public void Key_vault_stores_only_the_secrets_that_are_given()
    {
        var vault = Main().ModuleDeclaring("Microsoft.KeyVault/vaults");
        var secret = Assert.Single(vault.OfType("Microsoft.KeyVault/vaults/secrets"));
        Assert.Contains("not(empty(", (string?)secret["condition"]);
        Assert.True(IsSecure(vault.ParameterDeclarations["secrets"]));
    }

    [Fact]
    public void No_secret_value_reaches_an_app_setting_or_a_module_parameter_that_is_not_secure()
    {
        var main = Main();
        var markers = RequiredSecretParameters.Concat(OptionalSecretParameters).Select(Marker).ToList();

        foreach (var (name, value) in AppSettings(main))
        {
            Assert.DoesNotContain(markers, m => ArmScope.AsText(value).Contains(m, StringComparison.Ordinal));
            Assert.DoesNotMatch(KeyVaultReference(), name);
        }
        foreach (var module in main.All.Skip(1))
        {
            foreach (var (name, declaration) in module.ParameterDeclarations)
            {
                var text = ArmScope.AsText(module.Parameter(name));
                if (markers.Any(m => text.Contains(m, StringComparison.Ordinal)))
                {
                    Assert.True(IsSecure(declaration),
                        $"Module {module.Name} gets a secret in parameter {name}, which is not @secure().");
                }
            }
        }
        foreach (var template in main.All)
        {
            foreach (var (name, output) in template.Template["outputs"] as JsonObject ?? [])
            {
                var text = ArmScope.AsText(template.Scope.Evaluate(output?["value"]));
                Assert.False(markers.Any(m => text.Contains(m, StringComparison.Ordinal)), $"Output {template.Name}.{name} holds a secret");
            }
        }
    }

    [Fact]
    public void Storage_and_telemetry_settings_use_the_managed_identity_and_no_connection_string()
    {
        var main = Main();
        var identity = main.ModuleDeclaring("Microsoft.ManagedIdentity/userAssignedIdentities");
        var storage = main.ModuleDeclaring("Microsoft.Storage/storageAccounts");
        var settings = AppSettings(main);

        Assert.False(settings.ContainsKey("AzureWebJobsStorage"), "AzureWebJobsStorage would be a connection string with a key");
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.True(IsOutputOf(settings["AzureWebJobsStorage__clientId"], identity, "clientId"));
        Assert.True(IsOutputOf(settings["AzureWebJobsStorage__accountName"], storage, "name"));
        Assert.True(IsOutputOf(settings["AzureWebJobsStorage__blobServiceUri"], storage, "blobEndpoint"));
        Assert.True(IsOutputOf(settings["AzureWebJobsStorage__queueServiceUri"], storage, "queueEndpoint"));
        Assert.True(IsOutputOf(settings["AzureWebJobsStorage__tableServiceUri"], storage, "tableEndpoint"));

        var clientId = ArmScope.AsText(settings["AzureWebJobsStorage__clientId"]);
        Assert.Equal($"ClientId={clientId};Authorization=AAD", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        Assert.True(IsOutputOf(settings["APPLICATIONINSIGHTS_CONNECTION_STRING"], main.ModuleDeclaring("Microsoft.Insights/components"), "applicationInsightsConnectionString"));
        Assert.DoesNotContain(settings.Keys, k => k is "APPINSIGHTS_INSTRUMENTATIONKEY" or "FUNCTIONS_WORKER_RUNTIME" or "WEBSITE_RUN_FROM_PACKAGE");
    }

    [Fact]
    public void Plain_settings_come_from_parameters_with_the_documented_defaults()
    {
        var settings = AppSettings(Main());

        Assert.Equal("online", settings["SuperOffice__Environment"]);
        Assert.Equal("Cust12345", settings["SuperOffice__ContextIdentifier"]);
        Assert.Equal("528", settings["SuperOffice__ApiAssociateId"]);
        Assert.Equal("client-id-1", settings["SuperOffice__ClientId"]);
        Assert.Equal("", settings["SuperOffice__RedirectUri"]);
        Assert.Equal("RefreshToken", settings["SuperOffice__AuthMode"]);
        Assert.Equal("contact.created,contact.changed", settings["Webhook__Events"]);
        Assert.Equal("https://companyexplorer.example/api/", settings["CompanyExplorer__BaseUrl"]);
        Assert.Equal("vertical=SuperOffice:5;summary=SuperOffice:6", settings["Sync__FieldMap"]);
        Assert.Equal("FillEmpty", settings["Sync__Overwrite"]);
        Assert.Equal("0 0 6 * * 1", settings["ProductReport__Schedule"]);
    }

    [Fact]
    public void No_parameter_default_holds_a_secret()
    {
        foreach (var template in Main().All)
        {
            foreach (var (name, declaration) in template.ParameterDeclarations)
            {
                var hasDefault = declaration is JsonObject d && d.ContainsKey("defaultValue");
                var defaultText = hasDefault ? declaration!["defaultValue"]?.ToJsonString() ?? "null" : null;
                var where = $"{template.Name}.{name}";

                if (IsSecure(declaration))
                {
                    Assert.True(defaultText is null or "\"\"", $"@secure() parameter {where} has the default {defaultText}");
                }
                if (SecretLikeName().IsMatch(name) && declaration?["defaultValue"] is JsonValue value && value.TryGetValue(out string? s))
                {
                    Assert.True(s.Length == 0, $"Parameter {where} looks like a secret and has a default");
                }
                if (declaration?["defaultValue"] is JsonValue any && any.TryGetValue(out string? text))
                {
                    Assert.False(SecretLikeValue().IsMatch(text), $"The default of {where} looks like a secret: {text}");
                }
            }
        }

        var main = Main().ParameterDeclarations;
        Assert.All(RequiredSecretParameters, name =>
        {
            Assert.True(IsSecure(main[name]), $"{name} is not @secure()");
            Assert.False(((JsonObject)main[name]!).ContainsKey("defaultValue"), $"{name} must have no default");
        });
        Assert.All(OptionalSecretParameters, name => Assert.True(IsSecure(main[name]), $"{name} is not @secure()"));
    }

    [Fact]
    public void Key_vault_uses_rbac_and_soft_delete()
    {
        var vault = Main().ModuleDeclaring("Microsoft.KeyVault/vaults");
        var properties = Properties(vault, Assert.Single(vault.OfType("Microsoft.KeyVault/vaults")));

        Assert.Equal(true, properties["enableRbacAuthorization"]);
        Assert.Equal(true, properties["enableSoftDelete"]);
        Assert.False(properties.ContainsKey("accessPolicies"));
    }

    [Fact]
    public void Application_insights_accepts_only_entra_id_ingestion()
    {
        var monitoring = Main().ModuleDeclaring("Microsoft.Insights/components");
        var properties = Properties(monitoring, Assert.Single(monitoring.OfType("Microsoft.Insights/components")));
        Assert.Equal(true, properties["DisableLocalAuth"]);
    }

    [Fact]
    public void Azd_finds_its_service_and_the_outputs_it_expects()
    {
        var services = AzureYamlServices(File.ReadAllLines(RepositoryRoot.Combine("azure.yaml")));
        var (serviceName, body) = Assert.Single(services);
        Assert.Equal("function", body["host"]);
        Assert.Equal("dotnet", body["language"]);
        Assert.Equal("./Connector.Functions", body["project"].TrimEnd('/'));

        var main = Main();
        var function = main.ModuleDeclaring("Microsoft.Web/sites");
        var tags = (Dictionary<string, object?>)function.Scope.Evaluate(Assert.Single(function.OfType("Microsoft.Web/sites"))["tags"])!;
        Assert.Equal(serviceName, tags["azd-service-name"]);
        Assert.Equal("connector-test", tags["azd-env-name"]);

        var outputs = (JsonObject)build.Template["outputs"]!;
        foreach (var output in new[]
                 {
                     "AZURE_LOCATION", "AZURE_TENANT_ID", "AZURE_RESOURCE_GROUP", "AZURE_FUNCTION_NAME",
                     $"SERVICE_{serviceName.ToUpperInvariant().Replace('-', '_')}_NAME", "AZURE_KEY_VAULT_NAME", "AZURE_STORAGE_ACCOUNT_NAME",
                 })
        {
            Assert.True(outputs.ContainsKey(output), $"main.bicep has no output {output}");
        }
    }

    [Fact]
    public void The_parameters_file_maps_every_required_parameter_to_an_azd_variable()
    {
        var file = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("infra", "main.parameters.json")))!["parameters"]!.AsObject();
        var declared = Main().ParameterDeclarations;

        Assert.All(file, p =>
        {
            Assert.True(declared.ContainsKey(p.Key), $"main.parameters.json sets {p.Key}, which main.bicep does not declare");
            Assert.Matches(@"^\$\{[A-Z][A-Z0-9_]*\}$", (string?)p.Value?["value"] ?? "");
        });
        Assert.All(declared.Where(p => !((JsonObject)p.Value!).ContainsKey("defaultValue")), p =>
            Assert.True(file.ContainsKey(p.Key), $"main.parameters.json does not map required parameter {p.Key}"));
    }

    /// <summary>ARM type names are case-insensitive (Bicep writes securestring and secureObject).</summary>
    private static bool IsSecure(JsonNode? declaration) =>
        (string?)declaration?["type"] is { } type
        && (type.Equals("secureString", StringComparison.OrdinalIgnoreCase) || type.Equals("secureObject", StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex(@"^@Microsoft\.KeyVault\(SecretUri=\{(?<vault>reference\(.+?)\}secrets/(?<secret>[A-Za-z0-9-]+)\)$")]
    private static partial Regex KeyVaultReference();

    [GeneratedRegex("secret|token|password|apikey|privatekey|credential", RegexOptions.IgnoreCase)]
    private static partial Regex SecretLikeName();

    /// <summary>A PEM block, a JWT, or a long run of mixed letters and digits with no spaces or punctuation.</summary>
    [GeneratedRegex(@"-----BEGIN|^eyJ[A-Za-z0-9_-]+\.|^(?=.*[0-9])(?=.*[A-Za-z])[A-Za-z0-9+/=_-]{24,}$")]
    private static partial Regex SecretLikeValue();

    /// <summary>The services of azure.yaml: each two-space-indented key under <c>services:</c> with its scalar properties.</summary>
    private static Dictionary<string, Dictionary<string, string>> AzureYamlServices(string[] lines)
    {
        var services = new Dictionary<string, Dictionary<string, string>>();
        Dictionary<string, string>? current = null;
        var inServices = false;
        foreach (var line in lines.Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#')))
        {
            var indent = line.Length - line.TrimStart().Length;
            var (key, value) = line.Trim().Split(':', 2) is [var k, var v] ? (k.Trim(), v.Trim()) : (line.Trim(), "");
            if (indent == 0)
            {
                inServices = key == "services";
                current = null;
            }
            else if (inServices && indent == 2)
            {
                services[key] = current = [];
            }
            else if (inServices && indent == 4 && current is not null)
            {
                current[key] = value;
            }
        }
        return services;
    }
}
