using Microsoft.AspNetCore.Http;
using Mobilitet.Workflows.Hosting.Commands;
using Mobilitet.Workflows.Hosting.Forms;
using Mobilitet.Workflows.Hosting.Http;
using Mobilitet.Workflows.Hosting.Validation;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Web.Pages;
using Mobilitet.Workflows.Web.Rendering;

namespace Mobilitet.Workflows.Hosting.Pages;

/// <summary>
/// The steps the list pages share, written once: who may open the page (signed in, in the page's role, the
/// Danish 403 page otherwise), one page of a list read by continuation token (a damaged token gets the 400
/// page), and a decision form posted from a row, which is read and handed to its command: accepted, the
/// browser goes back to the list with a message (303); refused, nothing changes and the list comes back
/// with the form as sent and its errors (400), or why not (409, 503), or the 403/404 page.
/// </summary>
public sealed class ListPages(SignedInPages signedIn, PageFrames frames, PageRenderer pages)
{
    /// <param name="role">The role the page is for (null: every signed-in person).</param>
    /// <param name="notInRole">What the 403 page says to someone without it.</param>
    public async Task<(CurrentUser? User, PageFrame? Frame, IResult? Refusal)> BeginAsync(HttpContext context, string? role, string notInRole)
    {
        var (user, frame, refusal) = await signedIn.BeginAsync(context);
        if (user is null)
        {
            return (null, null, refusal);
        }

        return role is null || user.IsIn(role) ? (user, frame, null) : (null, null, await signedIn.ForbiddenAsync(context, user, notInRole));
    }

    /// <summary>
    /// The list page for a person in <paramref name="role"/>: the page of the list the query string's continuation
    /// token asks for (the first without one).
    /// </summary>
    /// <param name="read">Reads one page for the person; throws <see cref="ArgumentException"/> for a token the list did not give out.</param>
    public async Task<IResult> ShowAsync<TPage, TModel>(HttpContext context, string? role, string notInRole, string listPath, Func<CurrentUser, string?, Task<TModel>> read)
        where TPage : PageBase<TModel>
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(read);
        var (user, frame, refusal) = await BeginAsync(context, role, notInRole);
        if (user is null)
        {
            return refusal!;
        }

        if (!PageQuery.TryReadToken(context.Request, out var token))
        {
            return await InvalidLinkAsync(context, user, listPath);
        }

        TModel model;
        try
        {
            model = await read(user, token);
        }
        catch (ArgumentException) when (token is not null)
        {
            return await InvalidLinkAsync(context, user, listPath);
        }

        return await PageAsync<TPage, TModel>(model, frame!, StatusCodes.Status200OK);
    }

    /// <summary>A decision form posted from a row of the list (<see cref="ListDecision{TRequest, TModel}"/>).</summary>
    public async Task<IResult> DecideAsync<TPage, TRequest, TModel>(HttpContext context, ListDecision<TRequest, TModel> decision, CancellationToken cancellationToken)
        where TPage : PageBase<TModel>
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(decision);
        var (user, frame, refusal) = await BeginAsync(context, decision.Role, decision.NotInRole);
        if (user is null)
        {
            return refusal!;
        }

        var (form, formRefusal) = await FormPost.ReadAsync(context, frames, cancellationToken);
        if (form is null)
        {
            return await signedIn.ErrorAsync(context, user, formRefusal!.Value.Kind, formRefusal.Value.Status, retryPath: decision.ListPath);
        }

        // A field the form reader could not read is an error, and then the command is not called at all.
        var parseErrors = new ValidationErrors();
        var request = decision.Read(form, parseErrors);
        var result = parseErrors.IsEmpty ? await decision.Command(user, request) : new CommandResult.Invalid(new ValidationErrors());
        switch (result)
        {
            case CommandResult.Accepted or CommandResult.EscalationAccepted:
                return PageResults.SeeOther(decision.ListPath, decision.Accepted(request));
            case CommandResult.AgreementNotFound:
                return await signedIn.ErrorAsync(context, user, ErrorPageKind.AgreementNotFound, StatusCodes.Status404NotFound, retryPath: decision.ListPath);
            case CommandResult.EscalationNotFound:
                return await signedIn.ErrorAsync(context, user, ErrorPageKind.EscalationNotFound, StatusCodes.Status404NotFound, retryPath: decision.ListPath);
            case CommandResult.Forbidden forbidden:
                return await signedIn.ForbiddenAsync(context, user, forbidden.Detail);
        }

        // The list as it is now (the first page), with the form as it was sent.
        var model = await decision.FirstPage(user);
        var values = FormErrors.Values(form.Fields, decision.Fields);
        return result switch
        {
            CommandResult.Invalid invalid => await PageAsync<TPage, TModel>(
                decision.SentBack(model, new ListForm(decision.ItemId, values, FormErrors.Merge(parseErrors, invalid.Errors)), null), frame!, StatusCodes.Status400BadRequest),
            CommandResult.Conflict conflict => await PageAsync<TPage, TModel>(
                decision.SentBack(model, null, new ListRefusal(decision.ItemId, conflict.Detail)), frame!, StatusCodes.Status409Conflict),
            CommandResult.Unavailable unavailable => await PageAsync<TPage, TModel>(
                decision.SentBack(model, new ListForm(decision.ItemId, values, Web.Shared.FieldErrors.None), new ListRefusal(decision.ItemId, unavailable.Detail + " Prøv igen om lidt.")),
                frame!,
                StatusCodes.Status503ServiceUnavailable),
            _ => throw new InvalidOperationException($"A decision from a list cannot end as {result.GetType().Name}."),
        };
    }

    private async Task<IResult> PageAsync<TPage, TModel>(TModel model, PageFrame frame, int status)
        where TPage : PageBase<TModel> =>
        PageResults.Html(await pages.RenderAsync<TPage, TModel>(model, frame), status);

    private Task<IResult> InvalidLinkAsync(HttpContext context, CurrentUser user, string listPath) =>
        signedIn.ErrorAsync(context, user, ErrorPageKind.InvalidPageLink, StatusCodes.Status400BadRequest, retryPath: listPath);
}

/// <summary>One decision form on a list page: who may send it, how it is read, the command it goes to, and how the list shows it sent back.</summary>
/// <typeparam name="TRequest">The command's request.</typeparam>
/// <typeparam name="TModel">The list page's model.</typeparam>
public sealed record ListDecision<TRequest, TModel>
{
    /// <summary>The role the list is for; others get the 403 page before their form is read.</summary>
    public required string Role { get; init; }

    public required string NotInRole { get; init; }

    /// <summary>The list's address: where an accepted decision goes back to.</summary>
    public required string ListPath { get; init; }

    /// <summary>The row the form belongs to (from the route).</summary>
    public required string ItemId { get; init; }

    /// <summary>The fields a person fills in, sent back with the errors.</summary>
    public required IReadOnlyList<string> Fields { get; init; }

    /// <summary>The shared form reader (Hosting/Forms): the same fields, the same parsing wherever the form is sent from.</summary>
    public required Func<FormPost, ValidationErrors, TRequest> Read { get; init; }

    /// <summary>The one command the decision goes to, whichever page it is sent from.</summary>
    public required Func<CurrentUser, TRequest, Task<CommandResult>> Command { get; init; }

    /// <summary>The message the list shows after the redirect.</summary>
    public required Func<TRequest, Notice> Accepted { get; init; }

    /// <summary>The list's first page for the person.</summary>
    public required Func<CurrentUser, Task<TModel>> FirstPage { get; init; }

    /// <summary>The page model with the form as sent and/or why it was not recorded.</summary>
    public required Func<TModel, ListForm?, ListRefusal?, TModel> SentBack { get; init; }
}
