metadata description = 'A Flex Consumption (FC1, Linux) plan for Azure Functions.'

@description('Name of the plan.')
param name string

@description('Azure region.')
param location string

@description('Tags for the plan.')
param tags object = {}

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true // Linux
  }
}

output id string = plan.id
output name string = plan.name
