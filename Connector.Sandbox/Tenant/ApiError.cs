namespace Connector.Sandbox.Tenant;

/// <summary>
/// A request the sandbox refuses. The JSON shape <c>{"Error":true,"ErrorType":...,"Message":...}</c> is
/// UNCONFIRMED: SuperOffice's REST v1 error body is not documented (reference section 4).
/// </summary>
public sealed class ApiError(int status, string errorType, string message) : Exception(message)
{
    public int Status { get; } = status;
    public string ErrorType { get; } = errorType;

    public IResult ToResult() =>
        Results.Json(new Dictionary<string, object> { ["Error"] = true, ["ErrorType"] = ErrorType, ["Message"] = Message }, statusCode: Status);
}
