metadata description = 'One secret in an existing Key Vault. Outputs its versionless URI (for @Microsoft.KeyVault(SecretUri=...) references), never its value.'

@description('Name of the existing vault.')
param keyVaultName string

@description('Name of the secret.')
param name string

@description('The secret value.')
@secure()
param value string

@description('Content type shown in the vault, e.g. text/plain.')
param contentType string = 'text/plain'

@description('Tags for the secret.')
param tags object = {}

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: keyVaultName
}

resource secret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: name
  tags: tags
  properties: {
    value: value
    contentType: contentType
    attributes: {
      enabled: true
    }
  }
}

@description('Versionless secret URI: a Key Vault reference to it follows rotation (the app picks up a new version within 24 hours, or on restart).')
output uri string = secret.properties.secretUri
output name string = secret.name
