namespace Assessment.Web.Workflow;

/// <summary>
/// A request the workflow refuses, with the HTTP status and the Chinese message the user sees. The
/// exception handler turns it into ProblemDetails; <see cref="Errors"/> names the fields or item ids.
/// Nothing has been saved when it is thrown.
/// </summary>
public sealed class WorkflowException : Exception
{
    public WorkflowException()
        : this(StatusCodes.Status400BadRequest, "请求无效。")
    {
    }

    public WorkflowException(string message)
        : this(StatusCodes.Status400BadRequest, message)
    {
    }

    public WorkflowException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = StatusCodes.Status400BadRequest;
        Errors = new Dictionary<string, string[]>();
    }

    public WorkflowException(int status, string title, IReadOnlyDictionary<string, string[]>? errors = null)
        : base(title)
    {
        Status = status;
        Errors = errors ?? new Dictionary<string, string[]>();
    }

    public int Status { get; }

    /// <summary>Field or item id → messages.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    public static WorkflowException Invalid(string title, IReadOnlyDictionary<string, string[]> errors) =>
        new(StatusCodes.Status400BadRequest, title, errors);

    public static WorkflowException Invalid(string field, string message) =>
        new(StatusCodes.Status400BadRequest, message, new Dictionary<string, string[]> { [field] = [message] });

    public static WorkflowException NotFound(string title) => new(StatusCodes.Status404NotFound, title);

    public static WorkflowException Forbidden(string title = "您无权访问该资源。") => new(StatusCodes.Status403Forbidden, title);

    public static WorkflowException Conflict(string title, IReadOnlyDictionary<string, string[]>? errors = null) =>
        new(StatusCodes.Status409Conflict, title, errors);

    public static WorkflowException Unprocessable(string title, IReadOnlyDictionary<string, string[]>? errors = null) =>
        new(StatusCodes.Status422UnprocessableEntity, title, errors);

    public static WorkflowException PreconditionFailed(string title) => new(StatusCodes.Status412PreconditionFailed, title);
}
