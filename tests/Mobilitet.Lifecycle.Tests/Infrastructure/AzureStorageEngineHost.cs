using Mobilitet.Testing;

namespace Mobilitet.Lifecycle.Tests.Infrastructure;

/// <summary>
/// A policy day of 100 ms on the persistent engine (the DTFx Azure Storage provider on Azurite), emails kept in the
/// outbox: everything the system stores — read model, vault, documents, outbox, orchestration history and queues —
/// is on Azurite, under names that start with <see cref="Prefix"/> (tables and containers by Storage:TablePrefix, the
/// engine's tables, queues and containers by its task hub).
/// </summary>
public class AzureStorageEngineHost : LifecycleHost
{
    public string Prefix { get; } = AzuriteFixture.NewTablePrefix();

    protected override TimeSpan DayLength => TimeSpan.FromMilliseconds(100);

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Engine:Provider"] = "AzureStorage",
        ["Engine:TaskHub"] = Prefix + "hub",
        ["Storage:TablePrefix"] = Prefix,
        ["SendGrid:ApiKey"] = "", // the outbox, so emails are kept in storage too
    };
}
