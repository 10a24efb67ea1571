namespace Tessera.Vision;

/// <summary>
/// A vision engine's failure with a stable code: <c>vision_unavailable</c> (not set up, or its worker would not start),
/// <c>vision_busy</c> (the local queue is full), <c>vision_timeout</c>, <c>vision_bad_answer</c> (an answer that is not
/// the promised shape), <c>vision_error</c> (the engine refused the image). <see cref="Transient"/> failures may work
/// if tried again later.
/// </summary>
public sealed class VisionException(string code, string message, bool transient, Exception? inner = null) : Exception(message, inner)
{
    public const string UnavailableCode = "vision_unavailable";
    public const string BusyCode = "vision_busy";
    public const string TimeoutCode = "vision_timeout";
    public const string BadAnswerCode = "vision_bad_answer";
    public const string ErrorCode = "vision_error";

    public string Code { get; } = code;

    public bool Transient { get; } = transient;
}
