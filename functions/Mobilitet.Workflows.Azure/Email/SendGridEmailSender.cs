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
/// tracking are off, so decision links reach the supervisor unchanged. Logs ids and status codes
/// only — never addresses, bodies or the API key.
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

    public SendGridEmailSender(
        IHttpClientFactory httpClients,
        IOptions<SendGridOptions> sendGrid,
        IOptions<NotificationOptions> notifications,
        ILogger<SendGridEmailSender> logger)
    {
        ArgumentNullException.ThrowIfNull(sendGrid);
        ArgumentNullException.ThrowIfNull(notifications);
        this.httpClients = httpClients;
        this.sendGrid = sendGrid.Value;
        this.notifications = notifications.Value;
        this.logger = logger;
        if (string.IsNullOrWhiteSpace(this.sendGrid.ApiKey))
        {
            throw new InvalidOperationException($"{SendGridOptions.Section}:ApiKey is not set.");
        }
    }

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
        Response response;
        try
        {
            response = await client.SendEmailAsync(mail, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            LogUnreachable(message.Id, message.AgreementId, e);
            throw new EmailDeliveryException($"SendGrid could not be reached for notification {message.Id} of agreement {message.AgreementId}.", e);
        }

        if (!response.IsSuccessStatusCode)
        {
            var fields = await ErrorFieldsAsync(response, cancellationToken).ConfigureAwait(false);
            LogRejected(message.Id, message.AgreementId, (int)response.StatusCode, fields);
            throw new EmailDeliveryException(
                $"SendGrid answered {(int)response.StatusCode} ({response.StatusCode}) for notification {message.Id} of agreement {message.AgreementId}"
                + (fields.Length > 0 ? $"; fields: {fields}." : "."),
                response.StatusCode);
        }

        LogSent(message.Id, message.AgreementId, (int)response.StatusCode);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "SendGrid could not be reached for notification {NotificationId} of agreement {AgreementId}")]
    private partial void LogUnreachable(string notificationId, string agreementId, Exception exception);
}
