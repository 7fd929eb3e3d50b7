using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Connector.Tests.Infrastructure;

namespace Connector.Tests.Infra;

/// <summary>
/// The security and wiring invariants of infra/main.bicep, checked on what <c>bicep snapshot</c> predicts Azure would
/// be asked for (see <see cref="BicepBuild"/>); the paths secrets take, which the snapshot does not evaluate, are
/// checked on the compiled template.
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

    /// <summary>Secrets only some deployments need (system user sign-in, a rotation): empty by default.</summary>
    private static readonly string[] OptionalSecretParameters =
        ["superOfficeSystemUserToken", "superOfficePrivateKey", "webhookPreviousSecret"];

    private static IEnumerable<string> SecretParameters => RequiredSecretParameters.Concat(OptionalSecretParameters);

    private DeploymentSnapshot Snapshot => build.Snapshot;

    private string IdentityId => Snapshot.IdOf("Microsoft.ManagedIdentity/userAssignedIdentities");
    private string StorageId => Snapshot.IdOf("Microsoft.Storage/storageAccounts");

    [Fact]
    public void Bicep_compiles_it_without_warnings_and_predicts_every_module_but_the_vaults_secret_loop()
    {
        Assert.Equal("", build.Diagnostics);
        Assert.Equal("subscriptionDeploymentTemplate.json#", ((string)build.Template["$schema"]!).Split('/')[^1]);
        // The vault's secrets are a loop over a secure object, which the snapshot cannot count before deployment.
        Assert.All(Snapshot.Diagnostics, d =>
        {
            Assert.Contains("NestedDeploymentShortCircuited", d);
            Assert.Contains("/deployments/keyvault'", d);
        });
    }

    [Fact]
    public void Storage_account_allows_no_shared_key_no_public_blobs_and_only_https_with_tls_1_2()
    {
        var properties = Snapshot.Single("Microsoft.Storage/storageAccounts")["properties"]!;

        Assert.False((bool)properties["allowSharedKeyAccess"]!);
        Assert.Equal("TLS1_2", (string?)properties["minimumTlsVersion"]);
        Assert.False((bool)properties["allowBlobPublicAccess"]!);
        Assert.True((bool)properties["supportsHttpsTrafficOnly"]!);
        Assert.True((bool)properties["defaultToOAuthAuthentication"]!);
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
        string Leaf(JsonObject resource) => ((string)resource["name"]!).Split('/')[^1];

        Assert.Equal(["contact-sync", "contact-sync-poison"], Snapshot.OfType("Microsoft.Storage/storageAccounts/queueServices/queues").Select(Leaf).Order());
        Assert.Equal(["jobs"], Snapshot.OfType("Microsoft.Storage/storageAccounts/tableServices/tables").Select(Leaf));
        var containers = Snapshot.OfType("Microsoft.Storage/storageAccounts/blobServices/containers").Select(Leaf).ToList();
        Assert.Contains("reports", containers);

        // The app deploys from a container of that storage account: {blob endpoint}{container}.
        var deployment = (string)Snapshot.Single("Microsoft.Web/sites")["properties"]!["functionAppConfig"]!["deployment"]!["storage"]!["value"]!;
        var match = Regex.Match(deployment, $@"^\[format\('\{{0\}}\{{1\}}', reference\('{Regex.Escape(StorageId)}', '[^']+'\)\.primaryEndpoints\.blob, '(?<container>[^']+)'\)\]$");
        Assert.True(match.Success, $"The app deploys from {deployment}");
        Assert.Contains(match.Groups["container"].Value, containers);
        Assert.NotEqual("reports", match.Groups["container"].Value);
    }

    [Fact]
    public void Function_app_is_flex_consumption_dotnet_isolated_10_https_only_tls_1_2_as_the_user_assigned_identity()
    {
        var plan = Snapshot.Single("Microsoft.Web/serverfarms");
        Assert.Equal("FC1", (string?)plan["sku"]?["name"]);
        Assert.Equal("FlexConsumption", (string?)plan["sku"]?["tier"]);

        var site = Snapshot.Single("Microsoft.Web/sites");
        Assert.Equal("functionapp,linux", (string?)site["kind"]);
        Assert.Equal("UserAssigned", (string?)site["identity"]?["type"]);
        Assert.Equal([IdentityId], ((JsonObject)site["identity"]!["userAssignedIdentities"]!).Select(p => p.Key));

        var properties = site["properties"]!;
        Assert.Equal(Snapshot.IdOf("Microsoft.Web/serverfarms"), (string?)properties["serverFarmId"]);
        Assert.True((bool)properties["httpsOnly"]!);
        Assert.Equal(IdentityId, (string?)properties["keyVaultReferenceIdentity"]);
        Assert.Equal("1.2", (string?)properties["siteConfig"]?["minTlsVersion"]);
        Assert.Equal("Disabled", (string?)properties["siteConfig"]?["ftpsState"]);

        var config = properties["functionAppConfig"]!;
        Assert.Equal("dotnet-isolated", (string?)config["runtime"]?["name"]);
        Assert.Equal("10.0", (string?)config["runtime"]?["version"]);
        var deployment = config["deployment"]!["storage"]!;
        Assert.Equal("blobContainer", (string?)deployment["type"]);
        Assert.Equal("UserAssignedIdentity", (string?)deployment["authentication"]?["type"]);
        Assert.Equal(IdentityId, (string?)deployment["authentication"]?["userAssignedIdentityResourceId"]);
    }

    [Fact]
    public void No_publishing_with_user_names_and_passwords()
    {
        var policies = Snapshot.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();
        Assert.Equal(["ftp", "scm"], policies.Select(p => ((string)p["name"]!).Split('/')[^1]).Order());
        Assert.All(policies, p => Assert.False((bool)p["properties"]!["allow"]!));
    }

    [Fact]
    public void The_apps_identity_gets_the_three_storage_data_roles_on_the_storage_account()
    {
        var onStorage = Assignments().Where(a => a.Scope == StorageId).ToList();

        Assert.Equal(
            new[] { StorageBlobDataOwner, StorageQueueDataContributor, StorageTableDataContributor }.Order(),
            onStorage.Select(a => a.Role).Order());
        Assert.All(onStorage, a =>
        {
            Assert.True(DeploymentSnapshot.IsReferenceTo(a.Principal, IdentityId, "principalId"), $"principalId is {a.Principal}");
            Assert.Equal("ServicePrincipal", a.PrincipalType);
        });
    }

    [Fact]
    public void The_apps_identity_may_publish_telemetry_and_read_the_vaults_secrets()
    {
        var assignments = Assignments().ToList();

        var metrics = Assert.Single(assignments, a => a.Role == MonitoringMetricsPublisher);
        Assert.Equal(Snapshot.IdOf("Microsoft.Insights/components"), metrics.Scope);
        // The vault's name is an output of its module (not expanded, see above): the scope names that output.
        var secrets = Assert.Single(assignments, a => a.Role == KeyVaultSecretsUser);
        Assert.Contains("'Microsoft.KeyVault/vaults', reference(", secrets.Scope);
        Assert.Contains("/providers/Microsoft.Resources/deployments/keyvault', ", secrets.Scope);
        Assert.All(assignments, a => Assert.True(DeploymentSnapshot.IsReferenceTo(a.Principal, IdentityId, "principalId"), $"principalId is {a.Principal}"));
        Assert.Equal(5, assignments.Count);
    }

    /// <summary>Each role assignment: the role's id, its scope (the resource its id extends) and the principal.</summary>
    private IEnumerable<(string Role, string Scope, string? Principal, string? PrincipalType)> Assignments() =>
        Snapshot.OfType("Microsoft.Authorization/roleAssignments").Select(resource =>
        {
            var properties = resource["properties"]!;
            var roleDefinition = (string)properties["roleDefinitionId"]!;
            Assert.Equal($"/subscriptions/{BicepBuild.SubscriptionId}/providers/Microsoft.Authorization/roleDefinitions/{roleDefinition.Split('/')[^1]}", roleDefinition);
            var id = (string)resource["id"]!;
            var scope = ExtensionScope().Match(id) is { Success: true } match ? match.Groups["scope"].Value : id;
            return (roleDefinition.Split('/')[^1], scope, (string?)properties["principalId"], (string?)properties["principalType"]);
        });

    [Theory]
    [MemberData(nameof(SecretSettings))]
    public void A_secret_setting_is_a_key_vault_reference_to_the_secret_stored_from_its_parameter(string setting, string parameter)
    {
        var value = (string)Snapshot.AppSettings()[setting]!;
        var match = KeyVaultReference().Match(value);
        Assert.True(match.Success, $"{setting} = {value}");
        var secretName = match.Groups["name"].Value is { Length: > 0 } evaluated
            ? evaluated
            : (string)build.Template["variables"]!["secretNames"]![match.Groups["variable"].Value]!;

        // The vault module stores that secret from the parameter.
        var (_, passed) = build.Module("keyvault");
        var stored = ((JsonObject)passed["secrets"]!["value"]!)
            .ToDictionary(p => SecretNameKey().Match(p.Key) is { Success: true } m ? (string)build.Template["variables"]!["secretNames"]![m.Groups["variable"].Value]! : p.Key,
                p => (string?)p.Value);
        Assert.Equal($"[parameters('{parameter}')]", stored[secretName]);
    }

    [Theory]
    [InlineData("SuperOffice__RefreshToken", "superOfficeRefreshToken")] // empty in SystemUser mode
    [InlineData("SuperOffice__SystemUserToken", "superOfficeSystemUserToken")]
    [InlineData("SuperOffice__PrivateKey", "superOfficePrivateKey")]
    [InlineData("Webhook__PreviousSecret", "webhookPreviousSecret")]
    public void An_optional_secret_that_is_not_given_leaves_its_setting_empty(string setting, string parameter)
    {
        // Secure parameters are not evaluated by the snapshot: the setting is the choice between '' and the reference.
        var value = (string)Snapshot.AppSettings()[setting]!;
        Assert.StartsWith($"[if(empty(parameters('{parameter}')), '', format('@Microsoft.KeyVault(SecretUri=", value);
    }

    [Fact]
    public void Key_vault_stores_only_the_secrets_that_are_given()
    {
        var (vault, _) = build.Module("keyvault");
        var secret = Assert.Single(ModuleResources(vault), r => (string?)r["type"] == "Microsoft.KeyVault/vaults/secrets");
        Assert.Contains("not(empty(", (string?)secret["condition"]);
        Assert.True(IsSecure(vault["parameters"]?["secrets"]));
    }

    [Fact]
    public void Secret_parameters_reach_only_the_vault_and_the_empty_checks_of_their_settings()
    {
        var json = build.TemplateText;
        foreach (var parameter in SecretParameters)
        {
            var use = $"parameters('{parameter}')";
            var total = Regex.Count(json, Regex.Escape(use));
            var stored = Regex.Count(json, Regex.Escape($"\"[{use}]\""));
            var emptyChecks = Regex.Count(json, Regex.Escape($"empty({use})"));
            Assert.Equal(1, stored);
            Assert.Equal(total, stored + emptyChecks);
        }
        foreach (var (name, template) in build.AllTemplates())
        {
            foreach (var (output, declaration) in template["outputs"] as JsonObject ?? [])
            {
                Assert.False(IsSecure(declaration), $"Output {name}.{output} is a secure value");
                Assert.DoesNotContain("secrets", declaration?["value"]?.ToJsonString() ?? "", StringComparison.OrdinalIgnoreCase);
            }
        }
        var stringified = Snapshot.Resources.Select(r => r.ToJsonString()).Append(Snapshot.Outputs.ToJsonString());
        Assert.All(stringified, text => Assert.DoesNotContain("MARKER-", text));
    }

    [Fact]
    public void Storage_and_telemetry_settings_use_the_managed_identity_and_no_connection_string()
    {
        var settings = Snapshot.AppSettings();
        var storageName = (string)Snapshot.Single("Microsoft.Storage/storageAccounts")["name"]!;
        var insights = Snapshot.IdOf("Microsoft.Insights/components");

        Assert.False(settings.ContainsKey("AzureWebJobsStorage"), "AzureWebJobsStorage would be a connection string with a key");
        Assert.Equal("managedidentity", (string?)settings["AzureWebJobsStorage__credential"]);
        Assert.Equal(storageName, (string?)settings["AzureWebJobsStorage__accountName"]);
        Assert.True(DeploymentSnapshot.IsReferenceTo(settings["AzureWebJobsStorage__clientId"], IdentityId, "clientId"));
        Assert.True(DeploymentSnapshot.IsReferenceTo(settings["AzureWebJobsStorage__blobServiceUri"], StorageId, "primaryEndpoints.blob"));
        Assert.True(DeploymentSnapshot.IsReferenceTo(settings["AzureWebJobsStorage__queueServiceUri"], StorageId, "primaryEndpoints.queue"));
        Assert.True(DeploymentSnapshot.IsReferenceTo(settings["AzureWebJobsStorage__tableServiceUri"], StorageId, "primaryEndpoints.table"));

        var clientId = ((string)settings["AzureWebJobsStorage__clientId"]!)[1..^1];
        Assert.Equal($"[format('ClientId={{0}};Authorization=AAD', {clientId})]", (string?)settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        Assert.True(DeploymentSnapshot.IsReferenceTo(settings["APPLICATIONINSIGHTS_CONNECTION_STRING"], insights, "ConnectionString"));
        Assert.DoesNotContain(settings.Select(p => p.Key), k => k is "APPINSIGHTS_INSTRUMENTATIONKEY" or "FUNCTIONS_WORKER_RUNTIME" or "WEBSITE_RUN_FROM_PACKAGE");
    }

    [Fact]
    public void Plain_settings_come_from_parameters_with_the_documented_defaults()
    {
        var settings = Snapshot.AppSettings();

        Assert.Equal("online", (string?)settings["SuperOffice__Environment"]);
        Assert.Equal("Cust12345", (string?)settings["SuperOffice__ContextIdentifier"]);
        Assert.Equal("528", (string?)settings["SuperOffice__ApiAssociateId"]);
        Assert.Equal("client-id-1", (string?)settings["SuperOffice__ClientId"]);
        Assert.Equal("", (string?)settings["SuperOffice__RedirectUri"]);
        Assert.Equal("RefreshToken", (string?)settings["SuperOffice__AuthMode"]);
        Assert.Equal("contact.created,contact.changed", (string?)settings["Webhook__Events"]);
        Assert.Equal("https://companyexplorer.example/api/", (string?)settings["CompanyExplorer__BaseUrl"]);
        Assert.Equal("vertical=SuperOffice:5;summary=SuperOffice:6", (string?)settings["Sync__FieldMap"]);
        Assert.Equal("FillEmpty", (string?)settings["Sync__Overwrite"]);
        Assert.Equal("0 0 6 * * 1", (string?)settings["ProductReport__Schedule"]);
    }

    [Fact]
    public void The_watchdog_gets_the_apps_own_webhook_url_with_a_function_key_from_key_vault()
    {
        var settings = Snapshot.AppSettings();
        Assert.Equal("SuperOffice enrichment connector", (string?)settings["Webhook__Name"]);
        Assert.Equal("0 */10 * * * *", (string?)settings["Webhook__WatchdogSchedule"]);
        var secretNames = build.Template["variables"]!["secretNames"]!;
        Assert.StartsWith("[if(empty(parameters('webhookFunctionKey')), '', format('@Microsoft.KeyVault(SecretUri=", (string?)settings["Webhook__TargetUrl"]);
        Assert.Contains("variables('secretNames').webhookTargetUrl", (string?)settings["Webhook__TargetUrl"]);

        // The module that makes the key and the secret runs only with a key, and gets it from the parameter.
        var (target, passed) = build.Module("webhook-target");
        Assert.Equal("[parameters('webhookFunctionKey')]", (string?)passed["functionKey"]!["value"]);
        Assert.True(IsSecure(target["parameters"]!["functionKey"]));
        var resources = ModuleResources(target).ToList();
        var key = Assert.Single(resources, r => (string?)r["type"] == "Microsoft.Web/sites/host/functionKeys");
        Assert.Equal("[parameters('functionKey')]", (string?)key["properties"]!["value"]);
        var secret = Assert.Single(resources, r => (string?)r["type"] == "Microsoft.KeyVault/vaults/secrets");
        Assert.Contains("https://{0}/api/superoffice/webhook?code={1}", (string?)secret["properties"]!["value"]);
        Assert.Contains("parameters('functionKey')", (string?)secret["properties"]!["value"]);
        Assert.Equal("[variables('secretNames').webhookTargetUrl]", (string?)passed["targetUrlSecretName"]!["value"]);

        // The key itself is kept in the vault too, where azd's secretOrRandomPassword finds it on the next provision.
        var (_, vault) = build.Module("keyvault");
        Assert.Contains(((JsonObject)vault["secrets"]!["value"]!), p => (string?)p.Value == "[parameters('webhookFunctionKey')]");
        var parameters = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("infra", "main.parameters.json")))!["parameters"]!;
        Assert.Equal($"$(secretOrRandomPassword ${{AZURE_KEY_VAULT_NAME}} {(string?)secretNames["webhookFunctionKey"]})",
            (string?)parameters["webhookFunctionKey"]!["value"]);
    }

    [Fact]
    public void No_parameter_default_holds_a_secret()
    {
        foreach (var (templateName, template) in build.AllTemplates())
        {
            foreach (var (name, declaration) in template["parameters"] as JsonObject ?? [])
            {
                var hasDefault = declaration is JsonObject d && d.ContainsKey("defaultValue");
                var defaultText = hasDefault ? declaration!["defaultValue"]?.ToJsonString() ?? "null" : null;
                var where = $"{templateName}.{name}";

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

        var main = (JsonObject)build.Template["parameters"]!;
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
        // The vault's module is not expanded by the snapshot (see above); its properties are literals in the template.
        var (vault, _) = build.Module("keyvault");
        var properties = Assert.Single(ModuleResources(vault), r => (string?)r["type"] == "Microsoft.KeyVault/vaults")["properties"]!;

        Assert.True((bool)properties["enableRbacAuthorization"]!);
        Assert.True((bool)properties["enableSoftDelete"]!);
        Assert.Null(properties["accessPolicies"]);
    }

    [Fact]
    public void Application_insights_accepts_only_entra_id_ingestion()
    {
        Assert.True((bool)Snapshot.Single("Microsoft.Insights/components")["properties"]!["DisableLocalAuth"]!);
    }

    [Fact]
    public void Azd_finds_its_service_and_the_outputs_it_expects()
    {
        var services = AzureYamlServices(File.ReadAllLines(RepositoryRoot.Combine("azure.yaml")));
        var (serviceName, body) = Assert.Single(services);
        Assert.Equal("function", body["host"]);
        Assert.Equal("dotnet", body["language"]);
        Assert.Equal("./Connector.Functions", body["project"].TrimEnd('/'));

        var tags = Snapshot.Single("Microsoft.Web/sites")["tags"]!;
        Assert.Equal(serviceName, (string?)tags["azd-service-name"]);
        Assert.Equal("connector-test", (string?)tags["azd-env-name"]);

        var outputs = Snapshot.Outputs;
        Assert.Equal((string?)Snapshot.Single("Microsoft.Web/sites")["name"], (string?)outputs["AZURE_FUNCTION_NAME"]);
        Assert.Equal((string?)outputs["AZURE_FUNCTION_NAME"], (string?)outputs[$"SERVICE_{serviceName.ToUpperInvariant().Replace('-', '_')}_NAME"]);
        Assert.Equal((string?)Snapshot.Single("Microsoft.Storage/storageAccounts")["name"], (string?)outputs["AZURE_STORAGE_ACCOUNT_NAME"]);
        Assert.Equal((string?)Snapshot.Single("Microsoft.Resources/resourceGroups")["name"], (string?)outputs["AZURE_RESOURCE_GROUP"]);
        Assert.Equal(BicepBuild.Location, (string?)outputs["AZURE_LOCATION"]);
        Assert.Equal(BicepBuild.TenantId, (string?)outputs["AZURE_TENANT_ID"]);
        Assert.NotNull(outputs["AZURE_KEY_VAULT_NAME"]);
    }

    [Fact]
    public void The_parameters_file_maps_every_required_parameter_to_an_azd_variable()
    {
        var file = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("infra", "main.parameters.json")))!["parameters"]!.AsObject();
        var declared = (JsonObject)build.Template["parameters"]!;

        Assert.All(file, p =>
        {
            Assert.True(declared.ContainsKey(p.Key), $"main.parameters.json sets {p.Key}, which main.bicep does not declare");
            // A variable, or (the function key) azd's generator that keeps the value in the vault once it is there.
            Assert.Matches(@"^(\$\{[A-Z][A-Z0-9_]*\}|\$\(secretOrRandomPassword \$\{AZURE_KEY_VAULT_NAME\} [a-z-]+\))$", (string?)p.Value?["value"] ?? "");
        });
        Assert.All(declared.Where(p => !((JsonObject)p.Value!).ContainsKey("defaultValue")), p =>
            Assert.True(file.ContainsKey(p.Key), $"main.parameters.json does not map required parameter {p.Key}"));
    }

    private static IEnumerable<JsonObject> ModuleResources(JsonObject template) => template["resources"] switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonObject symbolic => symbolic.Select(p => p.Value).OfType<JsonObject>(),
        _ => [],
    };

    /// <summary>ARM type names are case-insensitive (Bicep writes securestring and secureObject).</summary>
    private static bool IsSecure(JsonNode? declaration) =>
        (string?)declaration?["type"] is { } type
        && (type.Equals("secureString", StringComparison.OrdinalIgnoreCase) || type.Equals("secureObject", StringComparison.OrdinalIgnoreCase));

    /// <summary>A Key Vault reference to the <c>keyvault</c> deployment's <c>uri</c> output, optional behind an empty check.</summary>
    [GeneratedRegex(@"^\[(?:if\(empty\(parameters\('\w+'\)\), '', )?format\('@Microsoft\.KeyVault\(SecretUri=\{0\}secrets/\{1\}\)', reference\(.*(?:/providers/Microsoft\.Resources/deployments/keyvault'|'Microsoft\.Resources/deployments', 'keyvault'\)), '[0-9-]+'\)\.outputs\.uri\.value, (?:'(?<name>[a-z0-9-]+)'|variables\('secretNames'\)\.(?<variable>\w+))\)\)?\]$")]
    private static partial Regex KeyVaultReference();

    [GeneratedRegex(@"^\[format\('\{0\}', variables\('secretNames'\)\.(?<variable>\w+)\)\]$")]
    private static partial Regex SecretNameKey();

    /// <summary>A role assignment's id: <c>[extensionResourceId('{scope}', 'Microsoft.Authorization/roleAssignments', ...)]</c>.</summary>
    [GeneratedRegex(@"^\[extensionResourceId\('(?<scope>[^']+)', 'Microsoft\.Authorization/roleAssignments'")]
    private static partial Regex ExtensionScope();

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
