// The Function App on a Flex Consumption plan (FC1), running as a user-assigned managed identity.
// The code package is deployed to a blob container the identity reaches (no storage key), and every
// app setting comes from main.bicep, secrets as Key Vault references.
param name string
param planName string
param location string
param tags object = {}

@description('The azd service this app hosts (tag azd-service-name); matches the service in azure.yaml.')
param serviceName string

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Blob endpoint of the storage account holding the deployment container (ends in a slash).')
param storageBlobEndpoint string

@description('The blob container the deployment package is written to.')
param deploymentContainerName string

@description('App settings: name -> value. Secrets must be @Microsoft.KeyVault(SecretUri=...) references.')
param appSettings object

@description('App Service authentication with Microsoft Entra ID: { clientId, tenantId } to turn it on, {} to leave it off.')
param entraAuth object = {}

@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageBlobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  resource settings 'config' = {
    name: 'appsettings'
    properties: appSettings
  }

  // Sign-in with Entra ID in front of the app (the operations page and the job endpoints). SuperOffice cannot sign in,
  // so its webhook stays reachable with the function key and the signature alone.
  resource authentication 'config' = if (!empty(entraAuth)) {
    name: 'authsettingsV2'
    properties: {
      platform: {
        enabled: true
      }
      globalValidation: {
        requireAuthentication: true
        unauthenticatedClientAction: 'RedirectToLoginPage'
        redirectToProvider: 'azureactivedirectory'
        excludedPaths: [
          '/api/superoffice/webhook'
        ]
      }
      identityProviders: {
        azureActiveDirectory: {
          enabled: true
          registration: {
            clientId: entraAuth.?clientId ?? ''
            openIdIssuer: '${environment().authentication.loginEndpoint}${entraAuth.?tenantId ?? ''}/v2.0'
          }
          validation: {
            allowedAudiences: [
              entraAuth.?clientId ?? ''
              'api://${entraAuth.?clientId ?? ''}'
            ]
          }
        }
      }
      login: {
        tokenStore: {
          enabled: false
        }
      }
      httpSettings: {
        requireHttps: true
      }
    }
  }

  // No publishing with user names and passwords: azd deploys with an Entra ID token.
  resource ftpCredentials 'basicPublishingCredentialsPolicies' = {
    name: 'ftp'
    properties: {
      allow: false
    }
  }

  resource scmCredentials 'basicPublishingCredentialsPolicies' = {
    name: 'scm'
    properties: {
      allow: false
    }
  }
}

output name string = site.name
output id string = site.id
output defaultHostName string = site.properties.defaultHostName
