using System.Net;

namespace Connector.Core.SuperOffice;

/// <summary>Sign-in failed (refresh-token grant or system user), or SuperOffice kept refusing a fresh credential.</summary>
public sealed class SuperOfficeAuthenticationException(string message, HttpStatusCode? statusCode, string? superOfficeMessage, bool isTransient, Exception? inner = null)
    : SuperOfficeApiException(message, statusCode, superOfficeMessage, isTransient, inner);
