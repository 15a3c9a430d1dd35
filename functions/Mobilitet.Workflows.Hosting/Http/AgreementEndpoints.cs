using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Hosting.Commands;
using Mobilitet.Workflows.Hosting.Http.Requests;
using Mobilitet.Workflows.Hosting.Http.Responses;
using Mobilitet.Workflows.Hosting.Identity;
using Mobilitet.Workflows.Hosting.Queries;
using Mobilitet.Workflows.Hosting.Validation;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Timeline;

namespace Mobilitet.Workflows.Hosting.Http;

/// <summary>
/// The agreements API, written once for both hosts: each method takes the request (and the durable
/// client, which the Functions host gets from a binding) and returns an <see cref="IResult"/>. Every
/// route needs a signed-in person (401) who may see the agreement's municipality (403). Reads come
/// from the read model; every change is a command (<see cref="AgreementCommands"/>).
/// </summary>
public sealed class AgreementEndpoints(
    AgreementCommands commands,
    JsonCommand json,
    CurrentUserReader users,
    IAgreementRepository agreements,
    IAgreementList list,
    ITimeline timeline,
    IMeasurementRepository measurements,
    IEscalationRepository escalations,
    PersonalDataQuery personalData)
{
    public Task<IResult> CreateAsync(HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken) =>
        json.RunAsync<CreateAgreementRequest>(request, (user, body) => commands.CreateAsync(client, user, body!, cancellationToken), cancellationToken);

    public async Task<IResult> GetAsync(HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (_, agreement, refusal) = await ReadableAsync(request, id, cancellationToken);
        if (agreement is null)
        {
            return refusal!;
        }

        var measured = measurements.ListAsync(id, cancellationToken);
        var escalated = escalations.ListAsync(id, cancellationToken);
        var history = timeline.ReadAsync(id, cancellationToken);
        return TypedResults.Ok(agreement.ToDetails(await measured, await escalated, await history));
    }

    /// <summary>GET …/status: the agreement's row alone (no timeline, measurements or escalations), with the same access rules as the agreement.</summary>
    public async Task<IResult> GetStatusAsync(HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (_, agreement, refusal) = await ReadableAsync(request, id, cancellationToken);
        return agreement is null
            ? refusal!
            : TypedResults.Ok(new AgreementStatusDetails(agreement.AgreementId, agreement.Status.ToString(), agreement.LastChangedAt, agreement.NextDueAt, agreement.EndedOrLastChangedAt));
    }

    /// <summary>
    /// GET …/personal-data: the parties, reasons and notes — for the agreement's municipality's
    /// caseworkers only, each view written to the audit log (<see cref="PersonalDataQuery"/>). The CPR number is shown masked.
    /// </summary>
    public async Task<IResult> GetPersonalDataAsync(HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (user, agreement, refusal) = await ReadableAsync(request, id, cancellationToken);
        if (agreement is null)
        {
            return refusal!;
        }

        return await personalData.ReadAsync(user!, agreement, cancellationToken) is { } details
            ? TypedResults.Ok(details)
            : Problems.Forbidden(PersonalDataQuery.NotAllowed);
    }

    public async Task<IResult> ListAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (users.Read(request.HttpContext) is not { } user)
        {
            return Problems.Unauthorized();
        }

        var errors = new ValidationErrors();
        string? municipality = request.Query.TryGetValue("municipality", out var code) && !string.IsNullOrEmpty(code)
            ? RequestValidation.MunicipalityCode("municipality", code, errors)
            : null;
        AgreementStatus? status = null;
        if (request.Query.TryGetValue("status", out var statusText) && !string.IsNullOrEmpty(statusText))
        {
            status = errors.Choice("status", statusText, Enum.GetValues<AgreementStatus>().ToDictionary(value => value.ToString()));
        }

        int? pageSize = null;
        if (request.Query.TryGetValue(PageSizeParameter, out var sizeText))
        {
            if (int.TryParse(sizeText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var size) && size is >= 1 and <= IAgreementList.MaxPageSize)
            {
                pageSize = size;
            }
            else
            {
                errors.Add(PageSizeParameter, $"Sidestørrelsen skal være et helt tal fra 1 til {IAgreementList.MaxPageSize}.");
            }
        }

        string? continuationToken = request.Query.TryGetValue(ContinuationTokenParameter, out var tokenText) ? tokenText.ToString() : null;

        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        var readable = user.ReadableMunicipalities();
        if (municipality is not null && readable is not null && !readable.Contains(municipality))
        {
            return Problems.Forbidden("Du har ikke adgang til aftaler i den kommune.");
        }

        if (pageSize is not null || continuationToken is not null)
        {
            return await PageAsync(request, user, municipality is not null ? new HashSet<string>(StringComparer.Ordinal) { municipality } : readable, status, pageSize ?? DefaultPageSize, continuationToken, cancellationToken);
        }

        var codes = municipality is not null ? [municipality] : readable?.Order(StringComparer.Ordinal).ToArray() ?? [null];
        var all = new List<AgreementRecord>();
        foreach (var each in codes)
        {
            all.AddRange(await agreements.ListAsync(each, status, cancellationToken));
        }

        return TypedResults.Ok(all.OrderByDescending(agreement => agreement.CreatedAt).Select(agreement => agreement.ToSummary()).ToList());
    }

    /// <summary>
    /// One page of the list (opt in with <c>pageSize</c> or <c>continuationToken</c>), read by key through the list
    /// index as the UI's list is — it costs the same however many agreements there are — in next-due order; the
    /// next page's URL is in the <c>Link</c> header (rel="next"). Without them the list is every agreement, newest first.
    /// </summary>
    private async Task<IResult> PageAsync(HttpRequest request, CurrentUser user, IReadOnlySet<string>? municipalities, AgreementStatus? status, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        AgreementPage page;
        try
        {
            page = await list.QueryAsync(new AgreementQuery { MunicipalityCodes = municipalities, Status = status }, continuationToken, pageSize, cancellationToken);
        }
        catch (ArgumentException) when (continuationToken is not null)
        {
            var invalid = new ValidationErrors();
            invalid.Add(ContinuationTokenParameter, "Linket til næste side er ugyldigt; hent listen forfra.");
            return Problems.Validation(invalid);
        }

        if (page.ContinuationToken is { } next)
        {
            var query = request.Query
                .Where(pair => pair.Key is not ContinuationTokenParameter and not PageSizeParameter)
                .Select(pair => KeyValuePair.Create(pair.Key, (string?)pair.Value.ToString()))
                .Append(KeyValuePair.Create(PageSizeParameter, (string?)pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .Append(KeyValuePair.Create(ContinuationTokenParameter, (string?)next));
            var url = Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(request.Path.Value ?? string.Empty, query);
            request.HttpContext.Response.Headers.Append("Link", $"<{url}>; rel=\"next\"");
        }

        return TypedResults.Ok(page.Agreements.Where(agreement => user.MayRead(agreement.MunicipalityCode)).Select(agreement => agreement.ToSummary()).ToList());
    }

    private const string PageSizeParameter = "pageSize";
    private const string ContinuationTokenParameter = "continuationToken";
    private const int DefaultPageSize = 25;

    public Task<IResult> RecordConsentAsync(HttpRequest request, DurableTaskClient client, string id, CancellationToken cancellationToken) =>
        json.RunAsync<ConsentRequest>(request, (user, body) => commands.RecordConsentAsync(client, user, id, body!, cancellationToken), cancellationToken);

    public Task<IResult> RecordFinancingDecisionAsync(HttpRequest request, DurableTaskClient client, string id, CancellationToken cancellationToken) =>
        json.RunAsync<FinancingDecisionRequest>(request, (user, body) => commands.RecordFinancingDecisionAsync(client, user, id, body!, cancellationToken), cancellationToken);

    public Task<IResult> RecordMoveAsync(HttpRequest request, DurableTaskClient client, string id, CancellationToken cancellationToken) =>
        json.RunAsync<MoveRequest>(request, (user, body) => commands.RecordMoveAsync(client, user, id, body!, cancellationToken), cancellationToken);

    public Task<IResult> RecordMeasurementAsync(HttpRequest request, DurableTaskClient client, string id, CancellationToken cancellationToken) =>
        json.RunAsync<MeasurementRequest>(request, (user, body) => commands.RecordMeasurementAsync(client, user, id, body!, cancellationToken), cancellationToken);

    /// <summary>The body (a reason) is optional.</summary>
    public Task<IResult> WithdrawConsentAsync(HttpRequest request, DurableTaskClient client, string id, CancellationToken cancellationToken) =>
        json.RunAsync<CancelRequest>(request, (user, body) => commands.WithdrawConsentAsync(client, user, id, body, cancellationToken), cancellationToken, bodyRequired: false);

    public Task<IResult> CancelAsync(HttpRequest request, DurableTaskClient client, string id, CancellationToken cancellationToken) =>
        json.RunAsync<CancelRequest>(request, (user, body) => commands.CancelAsync(client, user, id, body!, cancellationToken), cancellationToken);

    // The signed-in caller and the agreement they may read; else the refusal: 401 for nobody signed in, 404 for an unknown
    // (or malformed) id, 403 for another municipality's agreement.
    private async Task<(CurrentUser? User, AgreementRecord? Agreement, IResult? Refusal)> ReadableAsync(HttpRequest request, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (users.Read(request.HttpContext) is not { } user)
        {
            return (null, null, Problems.Unauthorized());
        }

        var agreement = AgreementIds.IsWellFormed(id) ? await agreements.FindAsync(id, cancellationToken) : null;
        if (agreement is null)
        {
            return (user, null, Problems.AgreementNotFound(id));
        }

        return user.MayRead(agreement.MunicipalityCode)
            ? (user, agreement, null)
            : (user, null, Problems.Forbidden("Aftalen hører til en kommune, du ikke har adgang til."));
    }
}
