using Microsoft.DurableTask.Client;
using Mobilitet.Testing;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Agreements;

namespace Mobilitet.Benchmarks.Harness;

/// <summary>
/// One agreement's happy path through the HTTP API, as a caseworker would drive it: create, consent, move,
/// the three measurements (recorded as soon as the agreement is in monitoring; each is taken at its due date),
/// and completion after M36. Financing is approved automatically (inside the policy's limit) and nothing escalates:
/// the planned move date lies 60 days ahead, so the move (recorded today) is never overdue.
/// The steps run inside one of a limited number of <paramref name="clients"/> (caseworkers at their desks);
/// waiting for the months of monitoring does not hold one.
/// </summary>
internal static class ScriptedAgreement
{
    private static readonly string[] Milestones = ["M3", "M12", "M36"];

    /// <summary>
    /// The valid form under standard-v1, which the benchmarks run: the bare baseline has its shape (standard-v2 adds a
    /// check-in per milestone), and results stay comparable with the runs in docs/benchmarks.md.
    /// </summary>
    public static System.Text.Json.Nodes.JsonObject Benchmarked(DateOnly plannedMoveDate) =>
        AgreementForms.Valid(plannedMoveDate, policy: Mobilitet.Workflows.Policies.PolicyCatalog.StandardV1.Name);

    /// <param name="phases">Where this run's time goes, marked at the end of each of the <see cref="ScriptPhases"/>.</param>
    public static async Task RunAsync(BenchmarkHost host, TimeSpan deadline, SemaphoreSlim clients, PhaseMeter.Run? phases = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(clients);
        string id;
        await clients.WaitAsync();
        phases?.Mark(ScriptPhases.WaitForClient);
        try
        {
            id = await host.Api.CreateAsync(Benchmarked(AgreementForms.Today.AddDays(60)));
            phases?.Mark(ScriptPhases.Create);
            await StepAsync(host, id, "consent", Steps.Consent("given"));
            await WaitForStatusAsync(host, id, "AwaitingMove", deadline);
            phases?.Mark(ScriptPhases.Consent);
            await StepAsync(host, id, "move", Steps.Move(AgreementForms.Today));
            await WaitForStatusAsync(host, id, "Monitoring", deadline);
            phases?.Mark(ScriptPhases.Move);
            foreach (var milestone in Milestones)
            {
                await StepAsync(host, id, "measurements", AgreementForms.OnTrack(milestone));
            }

            phases?.Mark(ScriptPhases.Measurements);
        }
        catch (Xunit.Sdk.XunitException refused)
        {
            // A step the API refused (409: the consent expired before it was posted, say) ends this agreement's script.
            throw new InvalidOperationException(refused.Message, refused);
        }
        finally
        {
            clients.Release();
        }

        using var wait = new CancellationTokenSource(deadline);
        var done = await host.Durable.WaitForInstanceCompletionAsync(id, wait.Token);
        if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            throw new InvalidOperationException($"{id} ended {done.RuntimeStatus}");
        }

        phases?.Mark(ScriptPhases.Monitoring);
    }

    /// <summary>
    /// Posts a step as a caseworker's client would: a 503 (the workflow is still starting under load; nothing changed)
    /// is tried again after its Retry-After, a few times; anything but 202 after that ends the script.
    /// </summary>
    private static async Task StepAsync(BenchmarkHost host, string id, string step, System.Text.Json.Nodes.JsonNode body)
    {
        const int Attempts = 10;
        for (var attempt = 1; ; attempt++)
        {
            using var response = await host.Api.PostAsync($"/api/agreements/{id}/{step}", body.DeepClone());
            if (response.StatusCode == System.Net.HttpStatusCode.Accepted)
            {
                return;
            }

            if (response.StatusCode != System.Net.HttpStatusCode.ServiceUnavailable || attempt == Attempts)
            {
                throw new InvalidOperationException($"{step} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }

            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>
    /// Waits for <paramref name="status"/> on the status resource a step's 202 points to (one table read a poll, as the
    /// baseline's poll of the engine is one read of its Instances table), and gives up at once if the agreement ended on another path: under load
    /// at a compressed day a policy timer can win a race (consent expires 30 days, 3 s at 100 ms, after its start).
    /// </summary>
    private static async Task WaitForStatusAsync(BenchmarkHost host, string id, string status, TimeSpan deadline)
    {
        var agreement = await Eventually.WaitForAsync(
            () => host.Api.GetStatusAsync(id),
            agreement => agreement.Text("status") == status || Enum.Parse<AgreementStatus>(agreement.Text("status")).AcceptsNoSteps(),
            $"agreement {id} to be {status}",
            deadline);
        if (agreement.Text("status") != status)
        {
            throw new InvalidOperationException($"{id} ended {agreement.Text("status")} before {status}");
        }
    }
}
