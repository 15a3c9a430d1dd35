metadata description = 'The Functions app (isolated worker, .NET 10) on Flex Consumption: user-assigned identity, identity-based storage, Key Vault references for secrets, App Service Authentication (Microsoft Entra ID) with the email-link endpoints excluded, secure site defaults and diagnostics.'

@description('Name of the function app.')
param name string

@description('Azure region.')
param location string

@description('Tags for the app; azd-service-name is added.')
param tags object = {}

@description('azd service name in azure.yaml (azd finds the app by the azd-service-name tag).')
param serviceName string = 'api'

@description('Resource id of the Flex Consumption plan.')
param appServicePlanId string

@description('Resource id of the user-assigned managed identity.')
param identityId string

@description('Client id of the user-assigned managed identity.')
param identityClientId string

@description('Storage account for AzureWebJobsStorage, Durable Functions (Azure Storage backend), the app\'s tables and blobs, and the deployment package.')
param storageAccountName string

@description('Blob container that holds the deployment package.')
param deploymentStorageContainerName string

@description('Application Insights component.')
param applicationInsightsName string

@description('Log Analytics workspace for the app\'s diagnostic logs.')
param logAnalyticsWorkspaceId string

@description('Runtime stack version for dotnet-isolated.')
param runtimeVersion string = '10.0'

@description('Memory per instance (MB).')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Upper bound on scale-out.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Versionless Key Vault URI of the secret of the certificate that wraps the Data Protection keys. Empty: keys are stored unwrapped.')
param dataProtectionCertificateSecretUri string = ''

@description('Versionless Key Vault URI of the secret that keys CPR → person key for register imports.')
param registersPersonKeySecretUri string

@description('Versionless Key Vault URI of the SendGrid API key secret. Empty: no SendGrid setting (the app writes emails to its outbox).')
param sendGridApiKeySecretUri string = ''

@description('Finance approvers\' shared mailbox.')
param financeApproverEmail string

@description('Sender address of the app\'s emails (a SendGrid verified sender).')
param notificationsFromEmail string

@description('Durable Functions backend.')
@allowed([
  'AzureStorage'
  'DurableTaskScheduler'
])
param durableBackend string = 'AzureStorage'

@description('Durable Task Scheduler endpoint (https://...durabletask.io); used when durableBackend is DurableTaskScheduler.')
param durableTaskSchedulerEndpoint string = ''

@description('Task hub name (host.json extensions.durableTask.hubName).')
param taskHubName string

@description('Client id of the Microsoft Entra app registration for App Service Authentication. Empty: no built-in authentication.')
param authClientId string = ''

@description('Tenant of the app registration.')
param authTenantId string = tenant().tenantId

@description('Versionless Key Vault URI of the app registration\'s client secret. Empty: no client secret (ID-token sign-in only).')
param authClientSecretUri string = ''

@description('What happens to an unauthenticated request outside the excluded paths.')
@allowed([
  'RedirectToLoginPage'
  'Return401'
])
param authUnauthenticatedClientAction string = 'RedirectToLoginPage'

@description('Paths reachable without sign-in (the app, or the Functions host, authorizes them itself). A trailing /* matches everything below the prefix.')
param authExcludedPaths string[] = [
  '/api/escalations/*'
  '/static/*'
  // The health report (ASP.NET Core health checks): for probes, which have no identity; it holds no personal data.
  '/api/health'
  // Event Grid posts blob events to the blob extension's webhook; the host checks its blobs_extension key.
  '/runtime/webhooks/blobs'
]

var useDurableTaskScheduler = durableBackend == 'DurableTaskScheduler'
var authEnabled = !empty(authClientId)
var authClientSecretSettingName = 'MICROSOFT_PROVIDER_AUTHENTICATION_SECRET'
var useAuthClientSecret = authEnabled && !empty(authClientSecretUri)

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource functionApp 'Microsoft.Web/sites@2024-11-01' = {
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
    serverFarmId: appServicePlanId
    httpsOnly: true
    clientCertEnabled: false
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
          value: '${storage.properties.primaryEndpoints.blob}${deploymentStorageContainerName}'
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
        version: runtimeVersion
      }
    }
  }
}

var baseSettings = {
  // Host storage by identity: no connection string, no account key.
  AzureWebJobsStorage__accountName: storage.name
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  // The app's own Tables/Blobs adapters (DefaultAzureCredential picks the identity from AZURE_CLIENT_ID).
  Storage__AccountName: storage.name
  Storage__ClientId: identityClientId
  AZURE_CLIENT_ID: identityClientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  // Links in emails; decision links are protected (Data Protection) and checked by the app (the paths are excluded from sign-in).
  Links__PublicBaseUrl: 'https://${functionApp.properties.defaultHostName}'
  Links__RequireToken: 'true'
  // Register imports match CPR numbers to agreements through an HMAC keyed with this secret.
  Registers__PersonKeySecret: '@Microsoft.KeyVault(SecretUri=${registersPersonKeySecretUri})'
  Notifications__FinanceApproverEmail: financeApproverEmail
  Notifications__FromEmail: notificationsFromEmail
  // The site root is the caseworkers' front page (Mine opgaver); never the platform's placeholder page.
  AzureWebJobsDisableHomepage: 'true'
}

var sendGridSettings = empty(sendGridApiKeySecretUri)
  ? {}
  : {
      SendGrid__ApiKey: '@Microsoft.KeyVault(SecretUri=${sendGridApiKeySecretUri})'
    }

var dataProtectionSettings = empty(dataProtectionCertificateSecretUri)
  ? {}
  : {
      DataProtection__KeyCertificate: '@Microsoft.KeyVault(SecretUri=${dataProtectionCertificateSecretUri})'
    }

var authSettings = useAuthClientSecret
  ? {
      '${authClientSecretSettingName}': '@Microsoft.KeyVault(SecretUri=${authClientSecretUri})'
    }
  : {}

var durableTaskSchedulerSettings = useDurableTaskScheduler
  ? {
      DURABLE_TASK_SCHEDULER_CONNECTION_STRING: 'Endpoint=${durableTaskSchedulerEndpoint};Authentication=ManagedIdentity;ClientID=${identityClientId};TaskHub=${taskHubName}'
      AzureFunctionsJobHost__extensions__durableTask__storageProvider__type: 'azureManaged'
      AzureFunctionsJobHost__extensions__durableTask__storageProvider__connectionStringName: 'DURABLE_TASK_SCHEDULER_CONNECTION_STRING'
    }
  : {}

resource appSettings 'Microsoft.Web/sites/config@2024-11-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: union(baseSettings, sendGridSettings, dataProtectionSettings, authSettings, durableTaskSchedulerSettings)
}

// Microsoft Entra ID sign-in in front of the caseworker UI and API. The supervisors' decision
// endpoints (/api/escalations/{id}/decide|decision) are opened from emailed links and authorize
// with the protected token the app checks (Links__RequireToken), so they are excluded from sign-in,
// and so are the static files (/static/*: style sheets, scripts, fonts, icons) their page uses.
resource authSettingsV2 'Microsoft.Web/sites/config@2024-11-01' = if (authEnabled) {
  parent: functionApp
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
      runtimeVersion: '~1'
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: authUnauthenticatedClientAction
      redirectToProvider: 'azureactivedirectory'
      excludedPaths: authExcludedPaths
    }
    httpSettings: {
      requireHttps: true
      routes: {
        apiPrefix: '/.auth'
      }
      forwardProxy: {
        convention: 'NoProxy'
      }
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: useAuthClientSecret
          ? {
              openIdIssuer: '${environment().authentication.loginEndpoint}${authTenantId}/v2.0'
              clientId: authClientId
              clientSecretSettingName: authClientSecretSettingName
            }
          : {
              openIdIssuer: '${environment().authentication.loginEndpoint}${authTenantId}/v2.0'
              clientId: authClientId
            }
        validation: {
          allowedAudiences: [
            'api://${authClientId}'
            authClientId
          ]
        }
      }
    }
    login: {
      // No token store: Flex Consumption has no persistent file system and shared-key SAS is off.
      tokenStore: {
        enabled: false
      }
      preserveUrlFragmentsForLogins: true
    }
  }
  dependsOn: [
    appSettings
  ]
}

resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: false
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: functionApp
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      {
        category: 'FunctionAppLogs'
        enabled: true
      }
    ]
  }
}

output name string = functionApp.name
output uri string = 'https://${functionApp.properties.defaultHostName}'
output authEnabled bool = authEnabled
output sendGridConfigured bool = !empty(sendGridApiKeySecretUri)
