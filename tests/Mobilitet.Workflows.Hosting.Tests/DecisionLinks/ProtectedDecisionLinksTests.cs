using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Workflows.DecisionLinks;
using Mobilitet.Workflows.Hosting.DecisionLinks;
using Mobilitet.Workflows.Hosting.WellBeing;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.Registers;

namespace Mobilitet.Workflows.Hosting.Tests.DecisionLinks;

/// <summary>
/// Decision links read back as what they were made for, and nothing else does: a tampered token, another escalation's,
/// another purpose's, an expired one (told apart from a forged one), and they survive a key rotation.
/// </summary>
public sealed class ProtectedDecisionLinksTests
{
    private const string Escalation = "fa-0123456789abcdef0123-esc-move";
    private static readonly Uri Site = new("https://mobilitet.example.dk");
    private static readonly RecipientKeys Recipients = new(new PersonKeyOptions { PersonKeySecret = Convert.ToBase64String(new byte[32]) });

    [Fact]
    public async Task A_link_reads_back_as_its_escalation_level_and_recipient_and_never_names_the_recipient()
    {
        var links = Links(new EphemeralDataProtectionProvider());

        var uri = await links.CreateAsync(Escalation, 2, "tilsyn2@example.dk", DateTimeOffset.UtcNow.AddDays(1), CancellationToken.None);
        var again = await links.CreateAsync(Escalation, 2, "tilsyn2@example.dk", DateTimeOffset.UtcNow.AddDays(1), CancellationToken.None);

        Assert.Equal($"/api/escalations/{Escalation}/decide", uri.AbsolutePath);
        var reading = links.Read(Escalation, TokenOf(uri));
        var link = Assert.IsType<DecisionLink>(reading.Link);
        Assert.Null(reading.Problem);
        Assert.Equal((Escalation, 2, Recipients.KeyOf("tilsyn2@example.dk")), (link.EscalationId, link.Level, link.RecipientKey));
        Assert.NotEqual(link.LinkId, links.Read(Escalation, TokenOf(again)).Link!.LinkId); // each email's link is used once on its own
        Assert.DoesNotContain("tilsyn2", uri.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_tampered_token_another_escalations_or_another_purposes_is_invalid()
    {
        var protection = new EphemeralDataProtectionProvider();
        var links = Links(protection);
        var token = TokenOf(await links.CreateAsync(Escalation, 1, "tilsyn1@example.dk", DateTimeOffset.UtcNow.AddDays(1), CancellationToken.None));
        var checkIn = await new CheckInLinks(protection, new FixedPublicBaseAddress(Site)).CreateAsync("fa-0123456789abcdef0123", Milestone.M3, DateTimeOffset.UtcNow.AddDays(1), CancellationToken.None);
        var tampered = token[..^3] + (token[^3] == 'A' ? 'B' : 'A') + token[^2..];

        Assert.Equal(DecisionLinkProblem.Invalid, links.Read(Escalation, tampered).Problem);
        Assert.Equal(DecisionLinkProblem.Invalid, links.Read("fa-0123456789abcdef0123-esc-m3", token).Problem);
        Assert.Equal(DecisionLinkProblem.Invalid, links.Read(Escalation, TokenOf(checkIn)).Problem);
        Assert.Equal(DecisionLinkProblem.Invalid, links.Read(Escalation, "1.forged").Problem);
        Assert.Equal(DecisionLinkProblem.Invalid, links.Read(Escalation, null).Problem);
        Assert.Equal(DecisionLinkProblem.Invalid, links.Read(Escalation, new string('A', 2000)).Problem);
        Assert.Equal(DecisionLinkProblem.Invalid, Links(new EphemeralDataProtectionProvider()).Read(Escalation, token).Problem); // another key ring
    }

    [Fact]
    public async Task An_expired_link_is_told_apart_from_a_forged_one_and_still_only_for_its_escalation()
    {
        var links = Links(new EphemeralDataProtectionProvider());
        var token = TokenOf(await links.CreateAsync(Escalation, 1, "tilsyn1@example.dk", DateTimeOffset.UtcNow.AddSeconds(-1), CancellationToken.None));

        Assert.Equal(DecisionLinkProblem.Expired, links.Read(Escalation, token).Problem);
        Assert.Null(links.Read(Escalation, token).Link);
        Assert.Equal(DecisionLinkProblem.Invalid, links.Read("fa-0123456789abcdef0123-esc-m3", token).Problem);
    }

    [Fact]
    public async Task A_link_made_before_a_new_default_key_still_works_and_new_links_use_the_new_key()
    {
        var repository = new MemoryXmlRepository();
        using var first = Provider(repository);
        var before = TokenOf(await Links(first.GetRequiredService<IDataProtectionProvider>()).CreateAsync(Escalation, 1, "tilsyn1@example.dk", DateTimeOffset.UtcNow.AddDays(5), CancellationToken.None));
        var keys = first.GetRequiredService<IKeyManager>();
        var oldKey = Assert.Single(keys.GetAllKeys()).KeyId;

        var newKey = keys.CreateNewKey(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(90)).KeyId; // activated after the first key, so it is the default

        // Another instance (or this one after its key ring refreshes) protects with the new default key.
        using var second = Provider(repository);
        var links = Links(second.GetRequiredService<IDataProtectionProvider>());
        var after = TokenOf(await links.CreateAsync(Escalation, 1, "tilsyn1@example.dk", DateTimeOffset.UtcNow.AddDays(5), CancellationToken.None));
        Assert.Equal(oldKey, KeyIdOf(before));
        Assert.Equal(newKey, KeyIdOf(after));
        Assert.NotNull(links.Read(Escalation, before).Link);
        Assert.NotNull(links.Read(Escalation, after).Link);
        Assert.NotNull(Links(first.GetRequiredService<IDataProtectionProvider>()).Read(Escalation, before).Link);
    }

    private static ServiceProvider Provider(MemoryXmlRepository repository) =>
        new ServiceCollection()
            .AddDataProtection().Services
            .Configure<KeyManagementOptions>(options => options.XmlRepository = repository)
            .BuildServiceProvider();

    private static ProtectedDecisionLinks Links(IDataProtectionProvider protection) => new(protection, new FixedPublicBaseAddress(Site), Recipients);

    private static string TokenOf(Uri link) => Uri.UnescapeDataString(link.Query["?token=".Length..]);

    /// <summary>The key a Data Protection payload was protected with: its header is a 4-byte magic number, then the key id.</summary>
    private static Guid KeyIdOf(string token) => new(WebEncoders.Base64UrlDecode(token).AsSpan(4, 16));
}
