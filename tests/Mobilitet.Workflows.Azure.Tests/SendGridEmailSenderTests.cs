using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mobilitet.Testing;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.Azure.Email;
using Mobilitet.Workflows.Notifications;

namespace Mobilitet.Workflows.Azure.Tests;

/// <summary>The SendGrid sender against a local endpoint that checks requests the way SendGrid does.</summary>
public sealed class SendGridEmailSenderTests : IAsyncLifetime
{
    private const string Resident = "beboer.hansen@example.dk";
    private const string Caseworker = "karl@kommune.example.dk";

    private FakeSendGridServer server = null!;
    private ServiceProvider services = null!;

    public async Task InitializeAsync()
    {
        server = await FakeSendGridServer.StartNewAsync("SG.test-key-123");
        services = Compose(server.ApiKey);
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await server.DisposeAsync();
    }

    private ServiceProvider Compose(string apiKey)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SendGrid:ApiKey"] = apiKey,
            ["SendGrid:Host"] = server.BaseUrl.ToString(),
            ["Notifications:FromEmail"] = "no-reply@mobilitet.example.dk",
            ["Notifications:FromName"] = "Mobilitetsenheden",
            ["SendGrid:MaxAttempts"] = "3",
            ["SendGrid:FirstRetryDelay"] = "00:00:00.010",
            ["SendGrid:MaxRetryDelay"] = "00:00:02",
        }).Build();
        var collection = new ServiceCollection().AddLogging().AddSingleton<LogCapture>();
        collection.AddSingleton<ILoggerProvider>(provider => provider.GetRequiredService<LogCapture>());
        Assert.True(collection.AddSendGridEmail(configuration));
        return collection.BuildServiceProvider();
    }

    private static EmailMessage Email(IReadOnlyList<string>? to = null, IReadOnlyList<string>? cc = null) => new(
        "consentreminder-reminder-1",
        "fa-0123456789abcdef0123",
        to ?? [Resident],
        cc ?? [Caseworker],
        "Påmindelse: samtykke til flytteaftale fa-0123456789abcdef0123",
        "Kære beboer\n\nVi mangler dit samtykke.",
        "<!DOCTYPE html><html lang=\"da\"><body><p>Kære beboer</p></body></html>",
        [new EmailLink("Se sagen", new Uri("https://mobilitet.example.dk/agreements/fa-0123456789abcdef0123"))]);

    [Fact]
    public async Task The_email_reaches_SendGrid_with_addresses_contents_and_ids()
    {
        await services.GetRequiredService<IEmailSender>().SendAsync(Email(), CancellationToken.None);

        var received = Assert.Single(await server.WaitForMessagesAsync(1));
        Assert.Equal("no-reply@mobilitet.example.dk", received.From);
        Assert.Equal("Mobilitetsenheden", received.FromName);
        Assert.Equal([Resident], received.To);
        Assert.Equal([Caseworker], received.Cc);
        Assert.Empty(received.Bcc);
        Assert.Equal("Påmindelse: samtykke til flytteaftale fa-0123456789abcdef0123", received.Subject);
        Assert.Equal("Kære beboer\n\nVi mangler dit samtykke.", received.Text);
        Assert.Equal("<!DOCTYPE html><html lang=\"da\"><body><p>Kære beboer</p></body></html>", received.Html);
        Assert.Equal("consentreminder-reminder-1", received.CustomArgs["notificationId"]);
        Assert.Equal("fa-0123456789abcdef0123", received.CustomArgs["agreementId"]);
        Assert.Equal(["mobilitet"], received.Categories);
        Assert.False(received.ClickTracking);
        Assert.False(received.OpenTracking);
    }

    [Fact]
    public async Task An_address_in_both_to_and_cc_is_sent_once_because_SendGrid_refuses_duplicates()
    {
        var email = Email(to: [Caseworker, Caseworker.ToUpperInvariant()], cc: [Caseworker.ToUpperInvariant(), "leder@kommune.example.dk", "LEDER@kommune.example.dk"]);

        await services.GetRequiredService<IEmailSender>().SendAsync(email, CancellationToken.None);

        var received = Assert.Single(await server.WaitForMessagesAsync(1));
        Assert.Equal([Caseworker], received.To);
        Assert.Equal(["leder@kommune.example.dk"], received.Cc);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, null)]
    [InlineData(HttpStatusCode.InternalServerError, null)]
    [InlineData(HttpStatusCode.TooManyRequests, "1")]
    public async Task A_server_error_or_too_many_requests_is_retried_with_backoff_and_the_email_is_sent_once(HttpStatusCode status, string? retryAfter)
    {
        var sender = services.GetRequiredService<IEmailSender>();
        server.FailNextRequests(2, status, retryAfter);

        await sender.SendAsync(Email(), CancellationToken.None);

        Assert.Equal(3, server.RequestCount);
        Assert.Equal([status, status], server.Rejections.Select(rejection => rejection.Status));
        Assert.Single(server.Messages);
        var retries = services.GetRequiredService<LogCapture>().Entries.Where(entry => entry.Message.Contains("retrying in", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, retries.Count);
        if (retryAfter is not null)
        {
            // SendGrid's Retry-After (1 s) is the wait, not the 10 ms backoff.
            Assert.All(retries, entry => Assert.Contains("retrying in 1000 ms", entry.Message, StringComparison.Ordinal));
        }
        else
        {
            Assert.Contains("retrying in 10 ms", retries[0].Message, StringComparison.Ordinal);
            Assert.Contains("retrying in 20 ms", retries[1].Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_server_error_that_lasts_surfaces_after_the_last_attempt_so_the_activity_retries_later()
    {
        var sender = services.GetRequiredService<IEmailSender>();
        server.FailNextRequests(3, HttpStatusCode.BadGateway);

        var error = await Assert.ThrowsAsync<EmailDeliveryException>(() => sender.SendAsync(Email(), CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Contains("consentreminder-reminder-1", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, server.RequestCount);
        Assert.Empty(server.Messages);
    }

    [Fact]
    public async Task A_refusal_for_good_is_not_retried_and_names_the_status_and_the_field()
    {
        var sender = services.GetRequiredService<IEmailSender>();

        var error = await Assert.ThrowsAsync<EmailRejectedException>(() => sender.SendAsync(Email(to: ["ikke-en-adresse"]), CancellationToken.None));

        Assert.Equal(400, error.StatusCode);
        Assert.Contains("email", error.Fields, StringComparison.Ordinal);
        Assert.DoesNotContain("ikke-en-adresse", error.Message + error.Fields, StringComparison.Ordinal);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task A_wrong_key_is_refused_and_neither_the_key_nor_personal_data_reach_the_logs_or_the_error()
    {
        await using var wrongKey = Compose("SG.wrong-key-456");
        var sender = wrongKey.GetRequiredService<IEmailSender>();

        var error = await Assert.ThrowsAsync<EmailRejectedException>(() => sender.SendAsync(Email(), CancellationToken.None));

        Assert.Equal(401, error.StatusCode);
        Assert.Empty(server.Messages);
        Assert.Equal(HttpStatusCode.Unauthorized, Assert.Single(server.Rejections).Status);
        var logs = wrongKey.GetRequiredService<LogCapture>().Entries;
        Assert.NotEmpty(logs);
        foreach (var text in logs.Select(entry => entry.FullText).Append(error.ToString()))
        {
            Assert.DoesNotContain("wrong-key", text, StringComparison.Ordinal);
            Assert.DoesNotContain("example.dk", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Kære beboer", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Påmindelse", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Successful_sends_log_ids_but_no_addresses_or_contents()
    {
        await services.GetRequiredService<IEmailSender>().SendAsync(Email(), CancellationToken.None);

        var logged = services.GetRequiredService<LogCapture>().Entries.Where(entry => entry.Category == typeof(SendGridEmailSender).FullName).ToList();
        Assert.Contains(logged, entry => entry.Message.Contains("consentreminder-reminder-1", StringComparison.Ordinal));
        Assert.All(logged, entry => Assert.DoesNotContain("@", entry.FullText, StringComparison.Ordinal));
        Assert.All(logged, entry => Assert.DoesNotContain("test-key", entry.FullText, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_email_without_recipients_is_refused_before_anything_is_sent()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            services.GetRequiredService<IEmailSender>().SendAsync(Email(to: [" "], cc: [Caseworker]), CancellationToken.None));

        Assert.Equal(0, server.RequestCount);
    }
}
