using System.Text;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Caseload;
using Mobilitet.Workflows.Hosting.Forms;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Municipalities;
using Mobilitet.Workflows.Registers;

namespace Mobilitet.Workflows.Hosting.Commands;

/// <summary>
/// Imports a caseload — agreements already running when an institution starts — from a file (<see cref="CaseloadFile"/>),
/// for the JSON API and the page alike. <see cref="StartAsync"/> reads the file, stores its lines and starts the
/// background job (<see cref="CaseloadImportJob"/>); the job imports the lines batch by batch
/// (<see cref="ImportNextAsync"/>), each through <see cref="AgreementCommands.CreateAsync(DurableTaskClient, CurrentUser, Http.Requests.CreateAgreementRequest, CaseloadReservation?, CancellationToken)"/>,
/// the form's own command: the same validation, the same messages, the same writes.
/// <para>
/// Idempotent on the caseload reference (per municipality): the agreement id is reserved for the reference
/// (<see cref="ICaseloadReferenceMap"/>) before the command writes anything, so a rerun — after a crash anywhere, or
/// the same file again — finds it: an agreement that exists is reported as created already (with its id), and one
/// whose creation was cut short is created under the reserved id (the command's writes are idempotent per id; an
/// agreement stored but not started is started by <see cref="Maintenance.UnstartedAgreementRepair"/>). The reference
/// is used only through its keyed hash (<see cref="CaseloadReferenceKeys"/>) and is never logged.
/// </para>
/// </summary>
public sealed partial class CaseloadImports(
    AgreementCommands commands,
    ICaseloadImportStore store,
    ICaseloadReferenceMap references,
    CaseloadReferenceKeys keys,
    IAgreementRepository agreements,
    TimeProvider time,
    ILogger<CaseloadImports> logger)
{
    /// <summary>Lines per activity: each starts an orchestration, so a batch takes a few seconds at most.</summary>
    public const int BatchSize = 10;

    /// <summary>
    /// Reads <paramref name="content"/>, stores the import for <paramref name="user"/> and starts its job. Returns the
    /// import, or (when nothing in the file could be read: empty, wrong header) the report that says why; then nothing
    /// is stored.
    /// </summary>
    public async Task<(CaseloadImport? Import, CaseloadImportReport? Refused)> StartAsync(DurableTaskClient client, CurrentUser user, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(user);
        var file = CaseloadFile.Read(content);
        if (file.Refused)
        {
            return (null, CaseloadImportReport.Refused(file.RowsRead, file.Errors));
        }

        var outcomes = file.Errors.GroupBy(error => error.Line).Select(line => CaseloadRowOutcome.Rejected(line.Key, [.. line])).ToList();
        var lines = new List<CaseloadLine>();
        var firstLineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in file.Lines)
        {
            // The same reference twice in one file would be one agreement reported twice: the later line is refused.
            if (line.Value(CaseloadFile.ReferenceColumn) is { } reference)
            {
                var scoped = line.Value("municipalityCode") + "\n" + reference.Normalize(NormalizationForm.FormC);
                if (firstLineOf.TryGetValue(scoped, out var first))
                {
                    outcomes.Add(CaseloadRowOutcome.Rejected(line.Line, [new ExtractError(line.Line, CaseloadFile.ReferenceColumn, CaseloadFile.ReferenceAlreadyOnLine(first))]));
                    continue;
                }

                firstLineOf[scoped] = line.Line;
            }

            lines.Add(line);
        }

        var import = new CaseloadImport(
            CaseloadImportIds.New(), user.Id, user.Roles, user.Municipalities, file.RowsRead, outcomes.Count, Completed: lines.Count == 0, time.GetUtcNow());
        await store.AddAsync(import, lines, outcomes, cancellationToken);
        if (!import.Completed)
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                nameof(CaseloadImportJob), import.ImportId, new StartOrchestrationOptions { InstanceId = import.ImportId }, cancellationToken);
        }

        LogStarted(import.ImportId, import.RowsRead, lines.Count);
        return (import, null);
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the import's job to finish.</summary>
    public static async Task WaitAsync(DurableTaskClient client, CaseloadImport import, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(import);
        if (import.Completed)
        {
            return;
        }

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(timeout);
        try
        {
            await client.WaitForInstanceCompletionAsync(import.ImportId, wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // still running: the caller answers with the progress so far
        }
    }

    /// <summary>The report so far, for the person who started the import only (null for anyone else, or an unknown id).</summary>
    public async Task<CaseloadImportReport?> ReadAsync(CurrentUser user, string importId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!CaseloadImportIds.IsWellFormed(importId) || await store.FindAsync(importId, cancellationToken) is not { } import || import.UserId != user.Id)
        {
            return null;
        }

        return CaseloadImportReport.From(import, await store.OutcomesAsync(importId, cancellationToken));
    }

    /// <summary>Imports the next <see cref="BatchSize"/> lines; true while lines remain.</summary>
    public async Task<bool> ImportNextAsync(DurableTaskClient client, string importId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var import = await store.FindAsync(importId, cancellationToken)
            ?? throw new InvalidOperationException($"Caseload import {importId} does not exist.");
        if (import.Completed)
        {
            return false;
        }

        var pending = await store.PendingAsync(importId, BatchSize, cancellationToken);
        foreach (var line in pending)
        {
            var outcome = await ImportLineAsync(client, import, line, cancellationToken);
            await store.CompleteLineAsync(importId, outcome, cancellationToken);
        }

        var completed = pending.Count < BatchSize;
        var rowsDone = completed ? import.RowsRead : Math.Min(import.RowsDone + pending.Count, import.RowsRead);
        await store.UpdateProgressAsync(importId, rowsDone, completed, cancellationToken);
        if (completed)
        {
            var outcomes = await store.OutcomesAsync(importId, cancellationToken);
            var created = outcomes.Count(outcome => outcome.Result == CaseloadRowResult.Created);
            var already = outcomes.Count(outcome => outcome.Result == CaseloadRowResult.AlreadyCreated);
            var rejected = outcomes.Count(outcome => outcome.Result == CaseloadRowResult.Rejected);
            LogCompleted(importId, created, already, rejected);
        }

        return !completed;
    }

    private async Task<CaseloadRowOutcome> ImportLineAsync(DurableTaskClient client, CaseloadImport import, CaseloadLine line, CancellationToken cancellationToken)
    {
        var (reference, request, parsed) = CaseloadRowForm.Read(line);
        if (reference is null)
        {
            return Rejected(line, CaseloadRowForm.Errors(parsed, null));
        }

        var user = import.User;
        var municipality = request.MunicipalityCode;
        CaseloadReference? standing = null;
        if (municipality is not null && MunicipalityRegistry.TryGet(municipality, out _))
        {
            // Refused before the reference is looked up: another municipality's references are not this person's to see.
            if (!user.MayImportCaseloadFor(municipality))
            {
                return Rejected(line, [((string?)"municipalityCode", AgreementCommands.OtherMunicipalityCreate)]);
            }

            standing = await references.FindAsync(municipality, keys.KeyOf(municipality, reference), cancellationToken);
            if (standing is not null && await agreements.FindAsync(standing.AgreementId, cancellationToken) is not null)
            {
                return new CaseloadRowOutcome(
                    line.Line, standing.ImportId == import.ImportId ? CaseloadRowResult.Created : CaseloadRowResult.AlreadyCreated, standing.AgreementId, []);
            }
        }

        var result = await commands.CreateAsync(
            client,
            user,
            request,
            async (agreement, token) => standing?.AgreementId
                ?? (await references.ReserveAsync(
                    agreement.MunicipalityCode,
                    keys.KeyOf(agreement.MunicipalityCode, reference),
                    new CaseloadReference(AgreementIds.New(), import.ImportId),
                    token)).AgreementId,
            cancellationToken);
        return result switch
        {
            CommandResult.Created created => new CaseloadRowOutcome(line.Line, CaseloadRowResult.Created, created.Agreement.AgreementId, []),
            CommandResult.Invalid invalid => Rejected(line, CaseloadRowForm.Errors(parsed, invalid.Errors)),
            CommandResult.Forbidden forbidden => Rejected(line, new List<(string?, string)> { (forbidden.Detail == AgreementCommands.OtherMunicipalityCreate ? "municipalityCode" : null, forbidden.Detail) }),
            CommandResult.Unavailable unavailable => Rejected(line, new List<(string?, string)> { (null, unavailable.Detail + " " + TryAgain) }),
            _ => throw new InvalidOperationException($"Creating an agreement cannot end as {result.GetType().Name}."),
        };
    }

    public const string TryAgain = "Indlæs filen igen senere: rækker, der allerede er oprettet, oprettes ikke igen.";

    private static CaseloadRowOutcome Rejected(CaseloadLine line, List<(string? Field, string Message)> errors) =>
        CaseloadRowOutcome.Rejected(line.Line, [.. errors.Select(error => new ExtractError(line.Line, error.Field, error.Message))]);

    private static CaseloadRowOutcome Rejected(CaseloadLine line, IReadOnlyList<(string Field, string Message)> errors) =>
        Rejected(line, errors.Select(error => ((string?)error.Field, error.Message)).ToList());

    [LoggerMessage(Level = LogLevel.Information, Message = "Caseload import {ImportId} started: {RowsRead} rows read, {RowsToImport} to import")]
    private partial void LogStarted(string importId, int rowsRead, int rowsToImport);

    [LoggerMessage(Level = LogLevel.Information, Message = "Caseload import {ImportId} completed: {RowsCreated} created, {RowsAlreadyCreated} already created, {RowsRejected} rejected")]
    private partial void LogCompleted(string importId, int rowsCreated, int rowsAlreadyCreated, int rowsRejected);
}
