namespace Connector.Sandbox.Tenant;

/// <summary>
/// A request the sandbox refuses, answered with the error body of SuperOffice's REST API documentation:
/// <c>{"Error":true,"ErrorType":...,"ErrorMessage":...,"ErrorSource":...}</c>. The <c>ErrorType</c> names are the
/// sandbox's own (UNCONFIRMED: which exception types SuperOffice names for each case).
/// </summary>
public sealed class ApiError(int status, string errorType, string message) : Exception(message)
{
    public const string ErrorSource = "Connector.Sandbox";

    public int Status { get; } = status;
    public string ErrorType { get; } = errorType;

    public IResult ToResult() =>
        Results.Json(new Dictionary<string, object>
        {
            ["Error"] = true, ["ErrorType"] = ErrorType, ["ErrorMessage"] = Message, ["ErrorSource"] = ErrorSource,
        }, statusCode: Status);
}
