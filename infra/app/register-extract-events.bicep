metadata description = 'Register extracts dropped in Blob storage (register-extracts/incoming/{municipality}/{file}.csv): the storage account\'s Event Grid system topic and the subscription that posts BlobCreated events under the drop folder to the Functions host\'s blobs_extension webhook for the Registers_ExtractDropped Blob trigger (Event Grid source, the only one Flex Consumption runs).'

@description('Azure region of the system topic (a storage account\'s system topic lives in the account\'s region).')
param location string

@description('Tags for the system topic.')
param tags object = {}

@description('Name of the Event Grid system topic.')
param systemTopicName string

@description('The storage account whose blob events are published (the app\'s own; the trigger reads it through AzureWebJobsStorage).')
param storageAccountName string

@description('The function app that hosts the Blob trigger.')
param functionAppName string

@description('Create the event subscription. Event Grid validates the webhook when the subscription is created, and the host answers there, with its blobs_extension system key, only once code with the Blob trigger runs: false on the first provision, true once the app is deployed (infra/README.md).')
param createSubscription bool = false

@description('The blob container files are dropped in.')
param containerName string = 'register-extracts'

@description('The folder (blob name prefix) files are dropped in; the kept copies under imports/ raise no events for the trigger.')
param dropFolder string = 'incoming/'

// The Blob trigger's function name in the app (functions/Mobilitet.Functions/Blobs/RegisterDropFunctions.cs).
var functionName = 'Registers_ExtractDropped'

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource functionApp 'Microsoft.Web/sites@2024-11-01' existing = {
  name: functionAppName
}

resource systemTopic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: systemTopicName
  location: location
  tags: tags
  properties: {
    source: storage.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

// The endpoint the blob extension listens on: /runtime/webhooks/blobs, the function named as Host.Functions.<name>,
// authorised by the host's blobs_extension system key (created by the host when the Blob trigger first loads).
resource dropSubscription 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = if (createSubscription) {
  parent: systemTopic
  name: 'register-extract-drops'
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: 'https://${functionApp.properties.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.${functionName}&code=${listKeys('${functionApp.id}/host/default', '2024-11-01').systemKeys.blobs_extension}'
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    eventDeliverySchema: 'EventGridSchema'
    filter: {
      includedEventTypes: [
        'Microsoft.Storage.BlobCreated'
      ]
      // Every file in the drop folder, whatever its name: one named against the convention gets a refused report
      // from the app rather than being filtered away here unseen.
      subjectBeginsWith: '/blobServices/default/containers/${containerName}/blobs/${dropFolder}'
    }
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }
}

output systemTopicName string = systemTopic.name
output subscriptionCreated bool = createSubscription
