namespace Mobilitet.Workflows.Notifications;

/// <summary>
/// The email service refused an email for good (an HTTP 4xx other than 429): sending it again would be refused
/// again. The sending activity records it as a failed notification and the workflow goes on. The message carries
/// ids, the status code and field names only.
/// </summary>
public sealed class EmailRejectedException : Exception
{
    public EmailRejectedException()
    {
    }

    public EmailRejectedException(string message)
        : base(message)
    {
    }

    public EmailRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public EmailRejectedException(string message, int statusCode, string fields)
        : base(message)
    {
        StatusCode = statusCode;
        Fields = fields;
    }

    /// <summary>The HTTP status the service answered with.</summary>
    public int StatusCode { get; }

    /// <summary>The names of the fields the service complained about (never their values), comma-separated.</summary>
    public string Fields { get; } = string.Empty;
}
