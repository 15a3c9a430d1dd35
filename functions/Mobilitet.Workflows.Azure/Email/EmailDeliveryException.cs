using System.Net;

namespace Mobilitet.Workflows.Azure.Email;

/// <summary>The email service did not accept an email. The message carries ids and the status code only.</summary>
public sealed class EmailDeliveryException : Exception
{
    public EmailDeliveryException()
    {
    }

    public EmailDeliveryException(string message)
        : base(message)
    {
    }

    public EmailDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public EmailDeliveryException(string message, HttpStatusCode statusCode)
        : base(message)
    {
        StatusCode = statusCode;
    }

    /// <summary>The HTTP status the service answered with, if it answered.</summary>
    public HttpStatusCode? StatusCode { get; }
}
