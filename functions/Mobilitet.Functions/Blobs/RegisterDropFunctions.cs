using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.RegisterImports;

namespace Mobilitet.Functions.Blobs;

/// <summary>
/// A register extract dropped in Blob storage (<see cref="DroppedExtractName"/>: "incoming/{municipality}/{file}.csv"
/// in container register-extracts) is handed to the shared <see cref="DroppedExtractImporter"/> — the same one the local
/// host's pickup uses. The trigger's source is Event Grid, the only blob trigger Flex Consumption runs: the event
/// subscription in infra (app/register-extract-events.bicep) posts BlobCreated events under "incoming/" to the host's
/// blobs_extension webhook, naming this function. The container name carries no Storage:TablePrefix (Azure has none).
/// </summary>
public sealed class RegisterDropFunctions(DroppedExtractImporter drops)
{
    /// <summary>The function's name; the event subscription's endpoint names it as "Host.Functions." + this.</summary>
    public const string FunctionName = "Registers_ExtractDropped";

    /// <summary>The drop folder of the register-extracts container; "{name}" is the rest of the blob's name.</summary>
    public const string TriggerPath = StorageNames.RegisterExtractsContainer + "/" + DroppedExtractName.Folder + "{name}";

    [Function(FunctionName)]
    public async Task ExtractDropped(
        [BlobTrigger(TriggerPath, Source = BlobTriggerSource.EventGrid)] BlobClient blob,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(blob);
        ArgumentNullException.ThrowIfNull(context);
        await drops.ImportAsync(blob.Name, context.CancellationToken);
    }
}
