using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Mobilitet.Workflows.Hosting.Http;
using Mobilitet.Workflows.Hosting.Http.Requests;
using Mobilitet.Workflows.Hosting.Validation;
using Mobilitet.Workflows.PersonalData;
using Mobilitet.Workflows.Timeline;
using Mobilitet.Workflows.WellBeing;
using Mobilitet.Workflows.Web.Pages;
using Mobilitet.Workflows.Web.Rendering;
using Mobilitet.Workflows.Web.Shared;
using Mobilitet.Workflows.Workflow;

namespace Mobilitet.Workflows.Hosting.WellBeing;

/// <summary>
/// The resident's check-in page (<see cref="Routes.UiRoutes.CheckIn"/>), for both hosts. The link's protected token is
/// the only authority (residents do not sign in): GET shows the form for an open check-in and changes nothing (mail
/// scanners follow links); POST (antiforgery-checked, no JavaScript needed) records the score once, the comment in the
/// vault, and thanks the resident. A forged, expired or used link gets a Danish page and changes nothing.
/// </summary>
public sealed partial class CheckInPageEndpoints(
    CheckInLinks links,
    ICheckInStore checkIns,
    IPersonalDataVault vault,
    ITimeline timeline,
    TimeProvider time,
    PageRenderer pages,
    PageFrames frames,
    ILogger<CheckInPageEndpoints> logger)
{
    private const string TokenField = "token";

    public async Task<IResult> ShowAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        string? token = context.Request.Query[TokenField];
        var state = await StateAsync(token, cancellationToken);
        return await PageAsync(context, Model(state, token), StatusOf(state));
    }

    public async Task<IResult> AnswerAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (form, refusal) = await FormPost.ReadAsync(context, frames, cancellationToken);
        if (form is null)
        {
            return PageResults.Html(
                await pages.RenderAsync<ErrorPage, ErrorPageModel>(new ErrorPageModel(refusal!.Value.Kind), frames.Create(context)),
                refusal.Value.Status);
        }

        var errors = new ValidationErrors();
        var token = form.Value(TokenField, errors);
        var scoreText = form.Value("score", errors);
        var comment = errors.OptionalText("comment", form.Value("comment", errors), RequestValidation.NoteLength, multiline: true);
        if (!links.TryRead(token, out var agreementId, out var milestone))
        {
            return await PageAsync(context, Model(CheckInPageState.InvalidLink, token), StatusCodes.Status400BadRequest);
        }

        var score = int.TryParse(scoreText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && CheckIn.IsScore(value)
            ? value
            : (int?)null;
        if (score is null && !errors.ToDictionary().ContainsKey("score"))
        {
            errors.Add("score", "Vælg et svar fra 1 til 5.");
        }

        if (!errors.IsEmpty)
        {
            var state = await StateAsync(token, cancellationToken);
            return state == CheckInPageState.Form
                ? await PageAsync(context, Model(state, token) with { Score = scoreText, Comment = comment, Errors = new FieldErrors(errors.ToDictionary()) }, StatusCodes.Status400BadRequest)
                : await PageAsync(context, Model(state, token), StatusOf(state));
        }

        var now = time.GetUtcNow();
        var answer = await checkIns.AnswerAsync(agreementId, milestone, score!.Value, now, cancellationToken);
        if (answer != CheckInAnswer.Recorded)
        {
            var state = answer == CheckInAnswer.AlreadyAnswered ? CheckInPageState.AlreadyAnswered : CheckInPageState.InvalidLink;
            return await PageAsync(context, Model(state, token), StatusOf(state));
        }

        // After the score: a refused answer must not replace the comment that came with the recorded one.
        if (comment is not null)
        {
            await vault.SaveCheckInCommentAsync(agreementId, milestone, comment, cancellationToken);
        }

        await timeline.AppendAsync(agreementId, new TimelineEntry(now, TimelineKind.WellBeingCheckInAnswered, Actors.Resident, milestone.ToString()), cancellationToken);
        LogAnswered(agreementId, milestone);
        return await PageAsync(context, Model(CheckInPageState.Thanks, null), StatusCodes.Status200OK);
    }

    private async Task<CheckInPageState> StateAsync(string? token, CancellationToken cancellationToken)
    {
        if (!links.TryRead(token, out var agreementId, out var milestone)
            || await checkIns.FindAsync(agreementId, milestone, cancellationToken) is not { } checkIn)
        {
            return CheckInPageState.InvalidLink;
        }

        return checkIn.IsAnswered ? CheckInPageState.AlreadyAnswered
            : checkIn.IsOpenAt(time.GetUtcNow()) ? CheckInPageState.Form
            : CheckInPageState.InvalidLink;
    }

    private static CheckInPageModel Model(CheckInPageState state, string? token) =>
        new() { State = state, Token = state == CheckInPageState.Form ? token : null, CommentMaxLength = RequestValidation.NoteLength };

    private static int StatusOf(CheckInPageState state) => state switch
    {
        CheckInPageState.AlreadyAnswered => StatusCodes.Status409Conflict,
        CheckInPageState.InvalidLink => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status200OK,
    };

    private async Task<IResult> PageAsync(HttpContext context, CheckInPageModel model, int status) =>
        PageResults.Html(await pages.RenderAsync<CheckInPage, CheckInPageModel>(model, frames.Create(context)), status);

    [LoggerMessage(Level = LogLevel.Information, Message = "The resident of agreement {AgreementId} answered the {Milestone} check-in")]
    private partial void LogAnswered(string agreementId, Indicators.Milestone milestone);
}
