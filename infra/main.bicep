targetScope = 'subscription'

metadata description = 'Mobilitet.Workflows on Azure: Functions isolated worker (.NET 10) on Flex Consumption with Durable Functions, identity-only storage, Key Vault, Application Insights and App Service Authentication. Deployed with `azd up` (see infra/README.md).'

// ---------------------------------------------------------------------------------------------
// Environment
// ---------------------------------------------------------------------------------------------

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; part of every resource name (through resourceToken) and of the resource group name.')
param environmentName string

@minLength(1)
@description('Primary region for all resources. Choose one that offers Flex Consumption (e.g. swedencentral, northeurope); keep personal data in the EU.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the deploying user or CI principal. When set, it gets the same data-plane roles as the app (storage, Key Vault secrets, telemetry, DTS dashboard) for local debugging. Leave empty in production.')
param principalId string = ''

@description('Give principalId the data-plane roles. azd fills AZURE_PRINCIPAL_ID with the signed-in user on every provision, so production sets GRANT_PRINCIPAL_DATA_ROLES=false. (The deployer already controls the resource group, so the default grants nothing it could not grant itself.)')
param grantPrincipalDataRoles bool = true

@description('Kind of principal principalId is.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param principalType string = 'User'

// Optional resource names (empty: <abbreviation><resourceToken>).
@description('Resource group name. Empty: rg-<environmentName>.')
param resourceGroupName string = ''
@description('Function app name. Empty: func-api-<token>.')
param functionAppName string = ''
@description('Flex Consumption plan name. Empty: plan-<token>.')
param appServicePlanName string = ''
@description('User-assigned managed identity name. Empty: id-api-<token>.')
param userAssignedIdentityName string = ''
@description('Storage account name. Empty: st<token>.')
param storageAccountName string = ''
@description('Key Vault name. Empty: kv-<token>.')
param keyVaultName string = ''
@description('Log Analytics workspace name. Empty: log-<token>.')
param logAnalyticsName string = ''
@description('Application Insights name. Empty: appi-<token>.')
param applicationInsightsName string = ''
@description('Durable Task Scheduler name. Empty: dts-<token>.')
param durableTaskSchedulerName string = ''

// ---------------------------------------------------------------------------------------------
// Application
// ---------------------------------------------------------------------------------------------

@secure()
@minLength(44)
@description('Base64 key (32 random bytes) that keys the HMAC turning a CPR number into a person key for register imports: `openssl rand -base64 32`. Stored in Key Vault as RegistersPersonKeySecret. Never change it once agreements exist: every stored person key depends on it.')
param registersPersonKeySecret string

@description('Name of the Key Vault certificate that wraps the ASP.NET Core Data Protection keys (decision links, form tokens) at rest. ARM cannot create a Key Vault certificate: create it once (infra/README.md, "Data Protection certificate"), then set this. Empty: keys are stored unwrapped.')
param dataProtectionCertificateName string = ''

@secure()
@description('SendGrid API key. Empty: no SendGrid secret or setting; the app writes emails to its outbox instead of sending them.')
param sendGridApiKey string = ''

@description('Finance approvers\' shared mailbox (Notifications__FinanceApproverEmail).')
@minLength(3)
param financeApproverEmail string

@description('Sender address of the app\'s emails, a SendGrid verified sender (Notifications__FromEmail).')
@minLength(3)
param notificationsFromEmail string

@description('Client id of the Microsoft Entra app registration for App Service Authentication. Empty: NO built-in authentication (see the AUTH_WARNING output); only for a first provision before the registration exists.')
param authClientId string = ''

@secure()
@description('Client secret of that app registration (stored in Key Vault as AuthClientSecret). Empty: sign-in with ID tokens only, no secret.')
param authClientSecret string = ''

@description('Tenant of the app registration. Empty: the subscription\'s tenant.')
param authTenantId string = ''

@description('What App Service Authentication does with an unauthenticated request outside the excluded paths: RedirectToLoginPage (browser UI; XHR calls still get 401) or Return401 (API only).')
@allowed([
  'RedirectToLoginPage'
  'Return401'
])
param authUnauthenticatedClientAction string = 'RedirectToLoginPage'

@description('Upper bound on the function app\'s scale-out.')
@minValue(1)
@maxValue(1000)
param functionAppMaximumInstanceCount int = 40

@description('Memory per function app instance (MB).')
@allowed([
  512
  2048
  4096
])
param functionAppInstanceMemoryMB int = 2048

@description('Storage redundancy.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
  'Standard_RAGRS'
  'Standard_RAGZRS'
])
param storageSkuName string = 'Standard_LRS'

@description('Subscribe the register-extract drop folder (register-extracts/incoming/) to the Blob trigger. Event Grid validates the webhook as the subscription is created, which works only once the app is deployed: leave false for the first `azd up`, then `azd env set REGISTER_EXTRACT_DROPS true` and `azd provision` (infra/README.md).')
param registerExtractDrops bool = false

@description('Days Log Analytics keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 90

// ---------------------------------------------------------------------------------------------
// Durable Functions backend
// ---------------------------------------------------------------------------------------------

@description('AzureStorage: queues, tables and blobs in the app\'s storage account. DurableTaskScheduler: the managed scheduler (in-flight instances do not migrate; drain first, see infra/README.md).')
@allowed([
  'AzureStorage'
  'DurableTaskScheduler'
])
param durableBackend string = 'AzureStorage'

@description('Task hub name; must equal host.json extensions.durableTask.hubName.')
param taskHubName string = 'MobilitetWorkflows'

@description('Durable Task Scheduler SKU (when durableBackend is DurableTaskScheduler).')
@allowed([
  'Consumption'
  'Dedicated'
])
param durableTaskSchedulerSku string = 'Consumption'

@description('Capacity units for the Dedicated SKU.')
@minValue(1)
@maxValue(10)
param durableTaskSchedulerCapacity int = 1

@description('Comma-separated IP addresses or CIDR ranges allowed to reach the Durable Task Scheduler (the app\'s egress, e.g. a NAT gateway\'s public IP). The scheduler denies everything not listed; allow-all is not offered.')
param durableTaskSchedulerAllowedIpRanges string = ''

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var useDurableTaskScheduler = durableBackend == 'DurableTaskScheduler'
var dataRolePrincipalId = grantPrincipalDataRoles ? principalId : ''

var names = {
  resourceGroup: !empty(resourceGroupName) ? resourceGroupName : '${abbrs.resourcesResourceGroups}${environmentName}'
  functionApp: !empty(functionAppName) ? functionAppName : '${abbrs.webSitesFunctions}api-${resourceToken}'
  plan: !empty(appServicePlanName) ? appServicePlanName : '${abbrs.webServerFarms}${resourceToken}'
  identity: !empty(userAssignedIdentityName)
    ? userAssignedIdentityName
    : '${abbrs.managedIdentityUserAssignedIdentities}api-${resourceToken}'
  storage: !empty(storageAccountName) ? storageAccountName : '${abbrs.storageStorageAccounts}${resourceToken}'
  keyVault: !empty(keyVaultName) ? keyVaultName : '${abbrs.keyVaultVaults}${resourceToken}'
  logAnalytics: !empty(logAnalyticsName) ? logAnalyticsName : '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
  applicationInsights: !empty(applicationInsightsName)
    ? applicationInsightsName
    : '${abbrs.insightsComponents}${resourceToken}'
  scheduler: !empty(durableTaskSchedulerName)
    ? durableTaskSchedulerName
    : '${abbrs.durableTaskSchedulers}${resourceToken}'
  storageEvents: '${abbrs.eventGridSystemTopics}st-${resourceToken}'
}

// Flex Consumption deploys the app package from this container (identity access, no SAS).
var deploymentStorageContainerName = 'app-package-${take(toLower(names.functionApp), 32)}-${take(toLower(uniqueString(names.functionApp, resourceToken)), 7)}'

// What the app stores: the read model and personal data in Tables, documents in Blobs (DESIGN §3).
var appTables = [
  'Agreements'
  'AgreementIndex'
  'AgreementTimeline'
  'Measurements'
  'IndicatorValues'
  'Escalations'
  'Decisions'
  'AuditLog'
  'PersonalData'
  'NotificationLog'
  // Emails the email service refused for good (ids and codes only), for the administrators' page.
  'FailedNotifications'
  'Outbox'
  'AgreementList'
  'TaskBoard'
  'AgreementTasks'
  // Register extracts: person key (HMAC of the CPR) → agreement, the rows imported per agreement, one record per import.
  'PersonKeyIndex'
  'RegisterRows'
  'RegisterImports'
  // Residents' well-being check-ins (score and when; the comment is in PersonalData).
  'WellBeingCheckIns'
  // Caseload imports (lines kept until imported, then their outcomes) and caseload reference (keyed hash) → agreement.
  'CaseloadImports'
  'CaseloadReferences'
  // Used decision links (link id, escalation, level, when: each link works once) and daily digests sent (date, keyed hash of the address).
  'DecisionLinks'
  'DailyDigests'
  // One operator action at a time per agreement (agreement id and an expiry).
  'OperatorLocks'
]
var appContainers = [
  'agreement-documents'
  // The ASP.NET Core Data Protection key ring the app's instances share (form tokens); see infra/README.md.
  'data-protection'
  // Register extracts as imported (CPR numbers masked) with their reports, and the drop folder (incoming/) for import.
  'register-extracts'
]

var schedulerIpAllowlist = map(
  filter(split(durableTaskSchedulerAllowedIpRanges, ','), range => !empty(trim(range))),
  range => trim(range)
)

// ---------------------------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------------------------

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: names.resourceGroup
  location: location
  tags: tags
}

module identity 'core/identity/user-assigned-identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module monitoring 'core/monitor/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    location: location
    tags: tags
    retentionInDays: logRetentionInDays
  }
}

module storage 'core/storage/storage-account.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: names.storage
    location: location
    tags: tags
    skuName: storageSkuName
    containers: concat(appContainers, [deploymentStorageContainerName])
    tables: appTables
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsWorkspaceId
  }
}

module keyVault 'core/security/key-vault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: names.keyVault
    location: location
    tags: tags
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsWorkspaceId
  }
}

module personKeySecret 'core/security/key-vault-secret.bicep' = {
  name: 'secret-registers-person-key'
  scope: rg
  params: {
    keyVaultName: names.keyVault
    name: 'RegistersPersonKeySecret'
    value: registersPersonKeySecret
    tags: tags
  }
  dependsOn: [
    keyVault
  ]
}

module sendGridApiKeySecret 'core/security/key-vault-secret.bicep' = if (!empty(sendGridApiKey)) {
  name: 'secret-sendgrid-api-key'
  scope: rg
  params: {
    keyVaultName: names.keyVault
    name: 'SendGridApiKey'
    value: sendGridApiKey
    tags: tags
  }
  dependsOn: [
    keyVault
  ]
}

module authClientSecretSecret 'core/security/key-vault-secret.bicep' = if (!empty(authClientId) && !empty(authClientSecret)) {
  name: 'secret-auth-client-secret'
  scope: rg
  params: {
    keyVaultName: names.keyVault
    name: 'AuthClientSecret'
    value: authClientSecret
    tags: tags
  }
  dependsOn: [
    keyVault
  ]
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: names.storage
    applicationInsightsName: names.applicationInsights
    keyVaultName: names.keyVault
    identityName: names.identity
    userPrincipalId: dataRolePrincipalId
    userPrincipalType: principalType
  }
  dependsOn: [
    identity
    storage
    monitoring
    keyVault
  ]
}

module durableTaskScheduler 'app/dts.bicep' = if (useDurableTaskScheduler) {
  name: 'durable-task-scheduler'
  scope: rg
  params: {
    name: names.scheduler
    location: location
    tags: tags
    taskHubName: taskHubName
    skuName: durableTaskSchedulerSku
    skuCapacity: durableTaskSchedulerCapacity
    ipAllowlist: schedulerIpAllowlist
    identityName: names.identity
    userPrincipalId: dataRolePrincipalId
    userPrincipalType: principalType
  }
  dependsOn: [
    identity
  ]
}

module plan 'core/host/flex-consumption-plan.bicep' = {
  name: 'plan'
  scope: rg
  params: {
    name: names.plan
    location: location
    tags: tags
  }
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: names.functionApp
    location: location
    tags: tags
    serviceName: 'api'
    appServicePlanId: plan.outputs.id
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: names.storage
    deploymentStorageContainerName: deploymentStorageContainerName
    applicationInsightsName: names.applicationInsights
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsWorkspaceId
    runtimeVersion: '10.0'
    instanceMemoryMB: functionAppInstanceMemoryMB
    maximumInstanceCount: functionAppMaximumInstanceCount
    // A Key Vault certificate's private key is readable as the secret of the same name (PKCS#12, base64).
    dataProtectionCertificateSecretUri: empty(dataProtectionCertificateName) ? '' : '${keyVault.outputs.endpoint}secrets/${dataProtectionCertificateName}'
    registersPersonKeySecretUri: personKeySecret.outputs.uri
    sendGridApiKeySecretUri: sendGridApiKeySecret.?outputs.uri ?? ''
    financeApproverEmail: financeApproverEmail
    notificationsFromEmail: notificationsFromEmail
    durableBackend: durableBackend
    durableTaskSchedulerEndpoint: durableTaskScheduler.?outputs.endpoint ?? ''
    taskHubName: taskHubName
    authClientId: authClientId
    authTenantId: !empty(authTenantId) ? authTenantId : tenant().tenantId
    authClientSecretUri: authClientSecretSecret.?outputs.uri ?? ''
    authUnauthenticatedClientAction: authUnauthenticatedClientAction
  }
  // Key Vault references and identity-based storage resolve only once the identity has its roles.
  dependsOn: [
    storage
    rbac
  ]
}

// Files dropped in register-extracts/incoming/ reach the Blob trigger through Event Grid (Flex Consumption
// runs no polling blob trigger). The subscription needs the deployed app: see registerExtractDrops.
module registerExtractEvents 'app/register-extract-events.bicep' = {
  name: 'register-extract-events'
  scope: rg
  params: {
    location: location
    tags: tags
    systemTopicName: names.storageEvents
    storageAccountName: names.storage
    functionAppName: names.functionApp
    createSubscription: registerExtractDrops
  }
  // The webhook and its key exist only with the app (the subscription is validated against it when created).
  dependsOn: [
    storage
    api
  ]
}

// ---------------------------------------------------------------------------------------------
// Outputs (azd writes them into .azure/<env>/.env; no secrets here)
// ---------------------------------------------------------------------------------------------

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output SERVICE_API_NAME string = api.outputs.name
output SERVICE_API_URI string = api.outputs.uri
output AZURE_USER_ASSIGNED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output AZURE_STORAGE_TABLE_ENDPOINT string = storage.outputs.tableEndpoint
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.endpoint
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.applicationInsightsConnectionString
output DURABLE_BACKEND string = durableBackend
output DURABLE_TASK_HUB_NAME string = taskHubName
output DURABLE_TASK_SCHEDULER_ENDPOINT string = durableTaskScheduler.?outputs.endpoint ?? ''
output SENDGRID_CONFIGURED bool = api.outputs.sendGridConfigured
output AUTH_ENABLED bool = api.outputs.authEnabled
output REGISTER_EXTRACT_DROPS_SUBSCRIBED bool = registerExtractEvents.outputs.subscriptionCreated
output AUTH_WARNING string = empty(authClientId)
  ? 'App Service Authentication is OFF: authClientId is empty, so the caseworker UI and API are reachable without sign-in. Set AUTH_CLIENT_ID (azd env set AUTH_CLIENT_ID <app registration client id>) and run azd provision.'
  : ''
