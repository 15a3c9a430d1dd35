using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.Notifications;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace Mobilitet.Workflows.Azure.Email;

/// <summary>
/// Sends the workflow's emails through SendGrid's v3 mail/send API. Each email carries its
/// notification and agreement ids as custom args and the category "mobilitet"; click and open
/// tracking are off, so decision links reach the supervisor unchanged. 429 and 5xx are retried with
/// backoff here; any other 4xx is a refusal for good (<see cref="EmailRejectedException"/>). Logs ids
/// and status codes only — never addresses, bodies or the API key.
/// </summary>
public sealed partial class SendGridEmailSender : IEmailSender
{
    /// <summary>The name of the <see cref="HttpClient"/> the sender gets from <see cref="IHttpClientFactory"/>.</summary>
    public const string HttpClientName = "SendGrid";

    /// <summary>The category every email is sent with (for SendGrid's statistics).</summary>
    public const string Category = "mobilitet";

    /// <summary>Custom arg names; SendGrid echoes them in its event webhook.</summary>
    public const string NotificationIdArg = "notificationId";
    public const string AgreementIdArg = "agreementId";

    private readonly IHttpClientFactory httpClients;
    private readonly SendGridOptions sendGrid;
    private readonly NotificationOptions notifications;
    private readonly ILogger<SendGridEmailSender> logger;
    private readonly TimeProvider time;

    public SendGridEmailSender(
        IHttpClientFactory httpClients,
        IOptions<SendGridOptions> sendGrid,
        IOptions<NotificationOptions> notifications,
        TimeProvider time,
        ILogger<SendGridEmailSender> logger)
    {
        ArgumentNullException.ThrowIfNull(sendGrid);
        ArgumentNullException.ThrowIfNull(notifications);
        this.httpClients = httpClients;
        this.sendGrid = sendGrid.Value;
        this.notifications = notifications.Value;
        this.logger = logger;
        this.time = time;
        if (string.IsNullOrWhiteSpace(this.sendGrid.ApiKey))
        {
            throw new InvalidOperationException($"{SendGridOptions.Section}:ApiKey is not set.");
        }
    }

    /// <summary>
    /// Offers the email to SendGrid, waiting and offering it again while SendGrid answers 429 or 5xx or cannot be
    /// reached (exponential backoff from <see cref="SendGridOptions.FirstRetryDelay"/>, or SendGrid's Retry-After).
    /// </summary>
    /// <exception cref="EmailRejectedException">SendGrid refused the email for good (4xx other than 429).</exception>
    /// <exception cref="EmailDeliveryException">SendGrid still answered 429/5xx, or could not be reached, after the last attempt.</exception>
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var mail = ToSendGridMessage(message, notifications);
        var options = new SendGridClientOptions { ApiKey = sendGrid.ApiKey };
        if (sendGrid.Host is { } host)
        {
            options.Host = host.ToString();
        }

        var client = new SendGridClient(httpClients.CreateClient(HttpClientName), options);
        for (var attempt = 1; ; attempt++)
        {
            Response? response = null;
            HttpRequestException? unreachable = null;
            try
            {
                response = await client.SendEmailAsync(mail, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                unreachable = e;
            }

            if (response is { IsSuccessStatusCode: true })
            {
                LogSent(message.Id, message.AgreementId, (int)response.StatusCode);
                return;
            }

            if (response is not null && !IsTransient(response.StatusCode))
            {
                var fields = await ErrorFieldsAsync(response, cancellationToken).ConfigureAwait(false);
                LogRejected(message.Id, message.AgreementId, (int)response.StatusCode, fields);
                throw new EmailRejectedException(
                    $"SendGrid refused notification {message.Id} of agreement {message.AgreementId} with {(int)response.StatusCode} ({response.StatusCode})"
                    + (fields.Length > 0 ? $"; fields: {fields}." : "."),
                    (int)response.StatusCode,
                    fields);
            }

            if (attempt >= Math.Max(1, sendGrid.MaxAttempts))
            {
                if (response is null)
                {
                    LogUnreachable(message.Id, message.AgreementId, unreachable!);
                    throw new EmailDeliveryException($"SendGrid could not be reached for notification {message.Id} of agreement {message.AgreementId}.", unreachable!);
                }

                LogGaveUp(message.Id, message.AgreementId, (int)response.StatusCode, attempt);
                throw new EmailDeliveryException(
                    $"SendGrid answered {(int)response.StatusCode} ({response.StatusCode}) for notification {message.Id} of agreement {message.AgreementId} {attempt} times.",
                    response.StatusCode);
            }

            var delay = RetryDelay(attempt, response);
            LogRetrying(message.Id, message.AgreementId, response is null ? 0 : (int)response.StatusCode, attempt, (long)delay.TotalMilliseconds);
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>429 (too many requests) and 5xx pass; any other 4xx would be refused again.</summary>
    private static bool IsTransient(HttpStatusCode status) => status == HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>SendGrid's Retry-After when it gives one, else the first delay doubled per attempt; never more than the maximum.</summary>
    private TimeSpan RetryDelay(int attempt, Response? response)
    {
        var retryAfter = response?.Headers?.RetryAfter;
        var delay = retryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - time.GetUtcNow(),
            _ => sendGrid.FirstRetryDelay * Math.Pow(2, attempt - 1),
        };
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay > sendGrid.MaxRetryDelay ? sendGrid.MaxRetryDelay : delay;
    }

    /// <summary>Maps an email to SendGrid's message: one personalization, to and cc without duplicates.</summary>
    public static SendGridMessage ToSendGridMessage(EmailMessage message, NotificationOptions notifications)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(notifications);

        // SendGrid rejects a personalization that names an address twice (in to, or in to and cc).
        var to = message.To.Where(address => !string.IsNullOrWhiteSpace(address)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (to.Count == 0)
        {
            throw new ArgumentException($"Notification {message.Id} of agreement {message.AgreementId} has no recipient.", nameof(message));
        }

        var cc = message.Cc
            .Where(address => !string.IsNullOrWhiteSpace(address) && !to.Contains(address, StringComparer.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

        var mail = new SendGridMessage
        {
            From = new EmailAddress(notifications.FromEmail, notifications.FromName),
            Subject = message.Subject,
            PlainTextContent = message.TextBody,
            HtmlContent = message.HtmlBody,
        };
        mail.AddTos(to.ConvertAll(address => new EmailAddress(address)));
        if (cc.Count > 0)
        {
            mail.AddCcs(cc.ConvertAll(address => new EmailAddress(address)));
        }

        mail.AddCustomArg(NotificationIdArg, message.Id);
        mail.AddCustomArg(AgreementIdArg, message.AgreementId);
        mail.AddCategory(Category);
        mail.SetClickTracking(false, false);
        mail.SetOpenTracking(false);
        return mail;
    }

    /// <summary>The field names SendGrid complains about (its messages may quote addresses, so they are left out).</summary>
    private static async Task<string> ErrorFieldsAsync(Response response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Body.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            using var document = JsonDocument.Parse(body);
            if (!document.RootElement.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array)
            {
                return string.Empty;
            }

            return string.Join(
                ", ",
                errors.EnumerateArray()
                    .Select(error => error.ValueKind == JsonValueKind.Object && error.TryGetProperty("field", out var field) && field.ValueKind == JsonValueKind.String
                        ? field.GetString()
                        : null)
                    .OfType<string>()
                    .Distinct(StringComparer.Ordinal));
        }
        catch (JsonException)
        {
            return string.Empty;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SendGrid accepted notification {NotificationId} for agreement {AgreementId} (HTTP {StatusCode})")]
    private partial void LogSent(string notificationId, string agreementId, int statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SendGrid rejected notification {NotificationId} for agreement {AgreementId}: HTTP {StatusCode}, fields '{Fields}'")]
    private partial void LogRejected(string notificationId, string agreementId, int statusCode, string fields);

    [LoggerMessage(Level = LogLevel.Information, Message = "SendGrid answered {StatusCode} for notification {NotificationId} of agreement {AgreementId} (attempt {Attempt}; 0 = unreachable); retrying in {DelayMs} ms")]
    private partial void LogRetrying(string notificationId, string agreementId, int statusCode, int attempt, long delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SendGrid still answered {StatusCode} for notification {NotificationId} of agreement {AgreementId} after {Attempts} attempts")]
    private partial void LogGaveUp(string notificationId, string agreementId, int statusCode, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SendGrid could not be reached for notification {NotificationId} of agreement {AgreementId}")]
    private partial void LogUnreachable(string notificationId, string agreementId, Exception exception);
}
