// The Key Vault that holds the connector's secrets. RBAC mode: the app's identity reads them as
// Key Vault Secrets User, and app settings hold only @Microsoft.KeyVault(SecretUri=...) references.
param name string
param location string
param tags object = {}

@description('Secrets to store: secret name -> value. An empty value stores nothing (an optional secret that is not used).')
@secure()
param secrets object

@description('Days a deleted vault or secret can be recovered.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int = 7

@description('Purge protection cannot be turned off again once on; leave it off for environments you tear down with azd down --purge.')
param enablePurgeProtection bool = false

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    // The API refuses false once set, so "off" is sent as absent.
    enablePurgeProtection: enablePurgeProtection ? true : null
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource secret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = [
  for item in items(secrets): if (!empty(item.value)) {
    parent: vault
    name: item.key
    properties: {
      value: item.value
      contentType: 'text/plain'
    }
  }
]

output name string = vault.name
output id string = vault.id
@description('The vault URI, ending in a slash (https://<name>.vault.azure.net/).')
output uri string = vault.properties.vaultUri
