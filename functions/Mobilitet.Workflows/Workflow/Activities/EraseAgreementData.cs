using Microsoft.DurableTask;
using Mobilitet.Workflows.PersonalData;
using Mobilitet.Workflows.Timeline;

namespace Mobilitet.Workflows.Workflow.Activities;

public sealed record ErasureInput(string AgreementId, DateTime At);

/// <summary>
/// After consent is withdrawn (GDPR art. 7(3)): erases the agreement's personal data (<see cref="AgreementErasure"/>, which
/// says what goes and what stays) and records it on the timeline. Running it again is harmless.
/// </summary>
public sealed class EraseAgreementData(AgreementErasure erasure, ITimeline timeline) : TaskActivity<ErasureInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, ErasureInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var at = new DateTimeOffset(input.At, TimeSpan.Zero);
        await erasure.EraseAsync(input.AgreementId, at, CancellationToken.None);
        await timeline.AppendStepOnceAsync(input.AgreementId, new TimelineEntry(at, TimelineKind.PersonalDataErased, Actors.System), CancellationToken.None);
        return true;
    }
}
