using System.Net;

namespace Connector.Core.SuperOffice;

/// <summary>
/// A write was refused because the contact no longer holds what the write was based on: a JSON Patch <c>test</c>
/// failed (409), <c>If-Unmodified-Since</c> was too old (412), or in <c>Put</c> mode the fresh GET showed a different
/// value. Nothing was written; read the contact again before deciding anew.
/// </summary>
public sealed class SuperOfficeConflictException(string message, HttpStatusCode? statusCode, string? superOfficeMessage, Exception? inner = null)
    : SuperOfficeApiException(message, statusCode, superOfficeMessage, isTransient: false, inner);
