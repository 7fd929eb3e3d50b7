// The app's own webhook URL for the watchdog (Webhook__TargetUrl): a function key of its own on the app's host, and
// the URL with that key stored as a Key Vault secret, so the key is never a plain app setting. Deployed after the app
// and the vault exist; the app setting is a Key Vault reference to the secret made here.
param functionAppName string
param keyVaultName string

@description('Name of the Key Vault secret that holds the whole URL (key included).')
param targetUrlSecretName string

@description('Name of the host-level function key SuperOffice calls the webhook with.')
param keyName string = 'superoffice-webhook'

@secure()
@description('The function key\'s value.')
param functionKey string

resource site 'Microsoft.Web/sites@2025-03-01' existing = {
  name: functionAppName
}

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' existing = {
  name: keyVaultName
}

// A host-level function key (valid for every function at the Function level; the webhook function is the one
// SuperOffice calls). Bicep ships no types for this resource, though ARM takes it.
#disable-next-line BCP081
resource key 'Microsoft.Web/sites/host/functionKeys@2024-04-01' = {
  name: '${site.name}/default/${keyName}'
  properties: {
    name: keyName
    value: functionKey
  }
}

resource targetUrl 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  parent: vault
  name: targetUrlSecretName
  properties: {
    value: 'https://${site.properties.defaultHostName}/api/superoffice/webhook?code=${functionKey}'
    contentType: 'text/plain'
  }
  dependsOn: [
    key
  ]
}
