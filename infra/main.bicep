// The SuperOffice enrichment connector on Azure: one `azd up` (or `az deployment sub create`) makes a
// resource group with a Flex Consumption Function App running as a user-assigned managed identity, its
// storage account (no shared keys), Application Insights (Entra ID ingestion) and a Key Vault (RBAC) that
// holds every secret. App settings hold no secret: they are Key Vault references.
//
// Only local modules: this builds offline (no registry modules).
targetScope = 'subscription'

// ---------------------------------------------------------------------------------------------------
// Environment
// ---------------------------------------------------------------------------------------------------

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; names the resources and tags them azd-env-name.')
param environmentName string

@minLength(1)
@description('Region for every resource. It must offer the Flex Consumption plan (az functionapp list-flexconsumption-locations).')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Resource group name; empty for rg-<environmentName>.')
param resourceGroupName string = ''

@description('Function App name; empty for a generated unique name.')
param functionAppName string = ''

@description('Storage account name; empty for a generated unique name.')
param storageAccountName string = ''

@description('Key Vault name; empty for a generated unique name.')
param keyVaultName string = ''

@description('Turn on Key Vault purge protection (recommended for production; it cannot be turned off again).')
param keyVaultPurgeProtection bool = false

@description('Most instances the Flex Consumption plan scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory of one instance.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('E-mail address the alert rules notify (poison messages, failing jobs, suspected loops, no webhooks); empty for no action group.')
param alertEmailAddress string = ''

@minValue(1)
@maxValue(48)
@description('Hours without any webhook, while the app runs, before the no-webhook alert fires.')
param noWebhookAlertHours int = 6

@description('Turn on App Service authentication with Microsoft Entra ID: every request but the SuperOffice webhook must come from a signed-in user of the tenant (the function key is still needed too). Off by default.')
param entraAuthEnabled bool = false

@description('With entraAuthEnabled: the client id of the Entra ID app registration that signs users in (ID tokens enabled, redirect URI https://<app>/.auth/login/aad/callback).')
param entraClientId string = ''

@description('With entraAuthEnabled: the Entra ID tenant the users belong to (default: the tenant of the subscription).')
param entraTenantId string = tenant().tenantId

// ---------------------------------------------------------------------------------------------------
// Connector settings (plain app settings)
// ---------------------------------------------------------------------------------------------------

@description('SuperOffice__Environment: the SuperOffice environment to sign in on.')
@allowed([
  'sod'
  'qaonline'
  'stage'
  'online'
])
param superOfficeEnvironment string

@minLength(1)
@description('SuperOffice__ContextIdentifier: the tenant, e.g. Cust12345. Webhooks from any other tenant are refused.')
param superOfficeContextIdentifier string

@minValue(1)
@description('SuperOffice__ApiAssociateId: associate id of the API user the connector writes as (its own changes are skipped).')
param superOfficeApiAssociateId int

@minLength(1)
@description('SuperOffice__ClientId: the OAuth client id of the SuperOffice app.')
param superOfficeClientId string

@description('SuperOffice__RedirectUri: the redirect URI registered for the SuperOffice app.')
param superOfficeRedirectUri string = ''

@description('SuperOffice__AuthMode: RefreshToken (needs superOfficeRefreshToken) or SystemUser (needs superOfficeSystemUserToken and superOfficePrivateKey).')
@allowed([
  'RefreshToken'
  'SystemUser'
])
param superOfficeAuthMode string = 'RefreshToken'

@description('Webhook__Events: comma-separated SuperOffice events that become sync jobs.')
param webhookEvents string = 'contact.created,contact.changed'

@minLength(1)
@description('Webhook__Name: the name of the app\'s webhook in SuperOffice; the watchdog finds, registers and repairs the webhook by it.')
param webhookName string = 'SuperOffice enrichment connector'

@description('Webhook__WatchdogSchedule: NCRONTAB schedule (with seconds, UTC) of the webhook watchdog; empty turns it off.')
param webhookWatchdogSchedule string = '0 */10 * * * *'

@minLength(1)
@description('CompanyExplorer__BaseUrl: base URL of the Company Explorer analysis service.')
param companyExplorerBaseUrl string

@minLength(1)
@description('Sync__FieldMap: which Company Explorer field goes to which SuperOffice user-defined field, e.g. vertical=SuperOffice:5;summary=SuperOffice:6.')
param syncFieldMap string

@description('Sync__Overwrite: when a mapped field that already has a value is written.')
param syncOverwrite string = 'FillEmpty'

@description('Jobs__RetentionDays: days of job history kept; older jobs are deleted by the daily purge.')
@minValue(1)
@maxValue(3650)
param jobsRetentionDays int = 30

@description('ProductReport__Schedule: NCRONTAB schedule (with seconds, UTC) of the product report.')
param productReportSchedule string = '0 0 6 * * 1'

// ---------------------------------------------------------------------------------------------------
// Secrets: stored in Key Vault, never in app settings or parameter defaults.
// The ones every deployment needs have no default (azd asks for them); the ones only some deployments
// need default to empty, and an empty one is not stored and leaves its app setting empty.
// ---------------------------------------------------------------------------------------------------

@secure()
@minLength(1)
@description('SuperOffice__ClientSecret: the OAuth client secret (also sent as SO-AppToken).')
param superOfficeClientSecret string

@secure()
@description('SuperOffice__RefreshToken: the refresh token (AuthMode RefreshToken). Pass an empty value in SystemUser mode.')
param superOfficeRefreshToken string

@secure()
@description('SuperOffice__SystemUserToken: the system user token (AuthMode SystemUser only).')
param superOfficeSystemUserToken string = ''

@secure()
@description('SuperOffice__PrivateKey: the app\'s RSA private key, PEM or XML (AuthMode SystemUser only).')
param superOfficePrivateKey string = ''

@secure()
@minLength(1)
@description('Webhook__Secret: the shared secret SuperOffice signs webhooks with.')
param webhookSecret string

@secure()
@description('Webhook__PreviousSecret: the previous webhook secret, accepted too while a rotation is under way.')
param webhookPreviousSecret string = ''

@secure()
@description('A function key of the app\'s own for SuperOffice\'s calls; with it the deployment stores the app\'s webhook URL (key included) in Key Vault as Webhook__TargetUrl, for the watchdog. Empty: no key, no URL (register the webhook by hand). azd makes one and keeps it in the vault.')
param webhookFunctionKey string = ''

@secure()
@minLength(1)
@description('CompanyExplorer__ApiKey: the API key of the Company Explorer service.')
param companyExplorerApiKey string

// ---------------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------------

var abbrs = loadJsonContent('./abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}

@description('The service name in azure.yaml.')
var serviceName = 'connector'

var appName = !empty(functionAppName) ? functionAppName : '${abbrs.webSitesFunctions}connector-${resourceToken}'
var deploymentContainerName = toLower('app-package-${take(appName, 32)}-${take(resourceToken, 7)}')

// The connector's own storage (Connector.Core/Storage/StorageNames.cs).
var syncQueueName = 'contact-sync'
var jobsTableName = 'jobs'
var reportsContainerName = 'reports'

// Key Vault secret names, one for each secret app setting.
var secretNames = {
  superOfficeClientSecret: 'superoffice-client-secret'
  superOfficeRefreshToken: 'superoffice-refresh-token'
  superOfficeSystemUserToken: 'superoffice-system-user-token'
  superOfficePrivateKey: 'superoffice-private-key'
  webhookSecret: 'webhook-secret'
  webhookPreviousSecret: 'webhook-previous-secret'
  companyExplorerApiKey: 'companyexplorer-api-key'
  webhookFunctionKey: 'webhook-function-key'
  webhookTargetUrl: 'webhook-target-url'
}

// ---------------------------------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------------------------------

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity './core/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}connector-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring './core/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
  }
}

module alerts './core/alerts.bicep' = {
  name: 'alerts'
  scope: rg
  params: {
    namePrefix: 'connector-${resourceToken}'
    location: location
    tags: tags
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsId
    alertEmailAddress: alertEmailAddress
    noWebhookAlertHours: noWebhookAlertHours
  }
}

module storage './core/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: !empty(storageAccountName) ? storageAccountName : '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
    containers: [
      deploymentContainerName
      reportsContainerName
    ]
    queues: [
      syncQueueName
      '${syncQueueName}-poison'
    ]
    tables: [
      jobsTableName
    ]
  }
}

module keyVault './core/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: !empty(keyVaultName) ? keyVaultName : '${abbrs.keyVaultVaults}${resourceToken}'
    location: location
    tags: tags
    enablePurgeProtection: keyVaultPurgeProtection
    secrets: {
      '${secretNames.superOfficeClientSecret}': superOfficeClientSecret
      '${secretNames.superOfficeRefreshToken}': superOfficeRefreshToken
      '${secretNames.superOfficeSystemUserToken}': superOfficeSystemUserToken
      '${secretNames.superOfficePrivateKey}': superOfficePrivateKey
      '${secretNames.webhookSecret}': webhookSecret
      '${secretNames.webhookPreviousSecret}': webhookPreviousSecret
      '${secretNames.companyExplorerApiKey}': companyExplorerApiKey
      '${secretNames.webhookFunctionKey}': webhookFunctionKey
    }
  }
}

module rbac './app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    principalId: identity.outputs.principalId
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    keyVaultName: keyVault.outputs.name
  }
}

module function './app/function.bicep' = {
  name: 'function'
  scope: rg
  params: {
    name: appName
    planName: '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
    serviceName: serviceName
    identityId: identity.outputs.id
    storageBlobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: deploymentContainerName
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    entraAuth: entraAuthEnabled ? { clientId: entraClientId, tenantId: entraTenantId } : {}
    appSettings: {
      // Storage for the Functions host and the app's own clients, through the managed identity.
      AzureWebJobsStorage__accountName: storage.outputs.name
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identity.outputs.clientId
      AzureWebJobsStorage__blobServiceUri: storage.outputs.blobEndpoint
      AzureWebJobsStorage__queueServiceUri: storage.outputs.queueEndpoint
      AzureWebJobsStorage__tableServiceUri: storage.outputs.tableEndpoint

      // Telemetry, ingested with the managed identity (local auth is off).
      APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.applicationInsightsConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.outputs.clientId};Authorization=AAD'

      // Plain settings.
      SuperOffice__Environment: superOfficeEnvironment
      SuperOffice__ContextIdentifier: superOfficeContextIdentifier
      SuperOffice__ApiAssociateId: string(superOfficeApiAssociateId)
      SuperOffice__ClientId: superOfficeClientId
      SuperOffice__RedirectUri: superOfficeRedirectUri
      SuperOffice__AuthMode: superOfficeAuthMode
      Webhook__Events: webhookEvents
      Webhook__Name: webhookName
      Webhook__WatchdogSchedule: webhookWatchdogSchedule
      CompanyExplorer__BaseUrl: companyExplorerBaseUrl
      Sync__FieldMap: syncFieldMap
      Sync__Overwrite: syncOverwrite
      ProductReport__Schedule: productReportSchedule
      Jobs__RetentionDays: string(jobsRetentionDays)

      // Secrets: Key Vault references, read with keyVaultReferenceIdentity (the managed identity).
      SuperOffice__ClientSecret: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/${secretNames.superOfficeClientSecret})'
      SuperOffice__RefreshToken: empty(superOfficeRefreshToken)
        ? ''
        : '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/${secretNames.superOfficeRefreshToken})'
      SuperOffice__SystemUserToken: empty(superOfficeSystemUserToken)
        ? ''
        : '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/${secretNames.superOfficeSystemUserToken})'
      SuperOffice__PrivateKey: empty(superOfficePrivateKey)
        ? ''
        : '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/${secretNames.superOfficePrivateKey})'
      Webhook__Secret: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/${secretNames.webhookSecret})'
      Webhook__PreviousSecret: empty(webhookPreviousSecret)
        ? ''
        : '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/${secretNames.webhookPreviousSecret})'
      CompanyExplorer__ApiKey: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/${secretNames.companyExplorerApiKey})'
      // The watchdog's target: the app's own webhook URL with its function key, made by module webhookTarget below.
      Webhook__TargetUrl: empty(webhookFunctionKey)
        ? ''
        : '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/${secretNames.webhookTargetUrl})'
    }
  }
  // Key Vault references and the identity-based storage connection resolve at start-up: grant first.
  dependsOn: [
    rbac
  ]
}

module webhookTarget './app/webhook-target.bicep' = if (!empty(webhookFunctionKey)) {
  name: 'webhook-target'
  scope: rg
  params: {
    functionAppName: function.outputs.name
    keyVaultName: keyVault.outputs.name
    targetUrlSecretName: secretNames.webhookTargetUrl
    functionKey: webhookFunctionKey
  }
}

// ---------------------------------------------------------------------------------------------------
// Outputs (azd writes them to .azure/<env>/.env)
// ---------------------------------------------------------------------------------------------------

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_NAME string = function.outputs.name
output AZURE_FUNCTION_URL string = 'https://${function.outputs.defaultHostName}'
output SERVICE_CONNECTOR_NAME string = function.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_USER_ASSIGNED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
