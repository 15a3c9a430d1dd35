metadata description = 'Durable Task Scheduler (the managed Durable Functions backend) with one task hub, and the Durable Task Data Contributor role for the app\'s identity (and optionally the deploying user, for the dashboard).'

@description('Name of the scheduler.')
param name string

@description('Azure region.')
param location string

@description('Tags for the scheduler.')
param tags object = {}

@description('Task hub name; must match the TaskHub in the app\'s connection string (host.json hubName).')
param taskHubName string

@description('Consumption (pay per action) or Dedicated (reserved capacity units).')
@allowed([
  'Consumption'
  'Dedicated'
])
param skuName string = 'Consumption'

@description('Capacity units for the Dedicated SKU (ignored for Consumption).')
@minValue(1)
@maxValue(10)
param skuCapacity int = 1

@description('IP addresses or CIDR ranges allowed to reach the scheduler. An empty list denies all traffic; an allow-all range is deliberately not offered here.')
param ipAllowlist string[]

@description('Name of the app\'s user-assigned managed identity.')
param identityName string

@description('Principal id of the deploying user (dashboard access). Empty: none.')
param userPrincipalId string = ''

@description('Kind of principal userPrincipalId is.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param userPrincipalType string = 'User'

// Built-in role "Durable Task Data Contributor".
var durableTaskDataContributor = '0ad04412-c4d5-4796-b79c-f76d14c8d402'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource scheduler 'Microsoft.DurableTask/schedulers@2025-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    ipAllowlist: ipAllowlist
    sku: skuName == 'Dedicated'
      ? {
          name: skuName
          capacity: skuCapacity
        }
      : {
          name: skuName
        }
  }
}

resource taskHub 'Microsoft.DurableTask/schedulers/taskHubs@2025-11-01' = {
  parent: scheduler
  name: taskHubName
}

resource identityDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(scheduler.id, identity.id, durableTaskDataContributor)
  scope: scheduler
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', durableTaskDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource userDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(userPrincipalId)) {
  name: guid(scheduler.id, userPrincipalId, durableTaskDataContributor)
  scope: scheduler
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', durableTaskDataContributor)
    principalId: userPrincipalId
    principalType: userPrincipalType
  }
}

output name string = scheduler.name
output endpoint string = scheduler.properties.endpoint
output taskHubName string = taskHub.name
