using System.Text.Json;
using Microsoft.DurableTask;
using Mobilitet.Workflows.Workflow.Events;

namespace Mobilitet.Workflows.Workflow;

/// <summary>An event one generation received and no step used, handed to the next in its checkpoint.</summary>
/// <param name="Name">The event's name (<see cref="WorkflowEvents.NameOf{TEvent}"/>).</param>
/// <param name="Payload">The event as JSON; events carry codes and roles only, never personal data.</param>
public sealed record CarriedEvent(string Name, JsonElement Payload);

/// <summary>
/// The lifecycle's external events, one waiter per event type, kept until a step uses its event (an
/// abandoned waiter would otherwise swallow a later event of the same name). From version 1.2 a generation
/// listens for every event a later phase may need and hands what it received but did not use to the next
/// generation in its checkpoint, instead of relying on ContinueAsNew's preserveUnprocessedEvents: the SDK
/// sends those to the instance itself, and the local engine (InProcessTestHost 0.2.3-preview.1) drops what
/// an episode sends when it continues as new.
/// </summary>
public sealed class LifecycleInbox
{
    private readonly TaskOrchestrationContext context;
    private readonly Dictionary<string, Queue<JsonElement>> carried = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Waiter> waiting = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, Action> listeners = new(StringComparer.Ordinal);

    public LifecycleInbox(TaskOrchestrationContext context, IEnumerable<CarriedEvent>? handedOver)
    {
        this.context = context;
        foreach (var (name, payload) in handedOver ?? [])
        {
            (carried.TryGetValue(name, out var queue) ? queue : carried[name] = new Queue<JsonElement>()).Enqueue(payload);
        }
    }

    /// <summary>Starts listening for <typeparamref name="TEvent"/> before any step waits for it.</summary>
    public void Listen<TEvent>() => Next<TEvent>();

    /// <summary>The next <typeparamref name="TEvent"/>: one handed over first, in the order they arrived, then the engine's.</summary>
    public Task<TEvent> Next<TEvent>()
    {
        var name = WorkflowEvents.NameOf<TEvent>();
        if (waiting.TryGetValue(name, out var pending))
        {
            return (Task<TEvent>)pending.Task;
        }

        var next = carried.TryGetValue(name, out var queue) && queue.TryDequeue(out var payload)
            ? Task.FromResult(payload.Deserialize<TEvent>()!)
            : context.WaitForExternalEvent<TEvent>(name);
        waiting[name] = new Waiter(next, () => JsonSerializer.SerializeToElement(next.Result));
        listeners.TryAdd(name, () => Next<TEvent>());
        return next;
    }

    /// <summary>A step used the event <see cref="Next{TEvent}"/> gave it; the next call waits for another.</summary>
    public void Consumed<TEvent>() => waiting.Remove(WorkflowEvents.NameOf<TEvent>());

    /// <summary>
    /// Everything received and not used, in a deterministic order (by name, then arrival): the events the
    /// waiters hold, those still carried from an earlier generation, and those the engine buffered because
    /// a waiter of their name was already full (a new waiter takes them from the buffer at once).
    /// </summary>
    public IReadOnlyList<CarriedEvent> HandOver()
    {
        var handed = new List<CarriedEvent>();
        foreach (var (name, listen) in listeners.ToList())
        {
            while (true)
            {
                if (!waiting.TryGetValue(name, out var pending))
                {
                    listen();
                    pending = waiting[name];
                }

                if (!pending.Task.IsCompletedSuccessfully)
                {
                    break;
                }

                handed.Add(new CarriedEvent(name, pending.Read()));
                waiting.Remove(name);
            }
        }

        return handed;
    }

    private sealed record Waiter(Task Task, Func<JsonElement> Read);
}
