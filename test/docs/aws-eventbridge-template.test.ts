/**
 * docs/aws/eventbridge.yaml: every resource against the CloudFormation resource specification of its
 * type, references to the conditional topic and state machine guarded by their conditions, and the
 * template read for both ways of deploying it: the stack creates the topic and state machine, or
 * routes to ones given by ARN (and creates neither).
 */
import { describe, expect, it } from "vitest";
import { checkReferences, checkTemplateProperties, readTemplate, resolveTemplate, type Template } from "../support/cloudformation.js";

const template = readTemplate("eventbridge.yaml");
const TOPIC = "arn:aws:sns:eu-west-1:123456789012:ml-alerts";
const MACHINE = "arn:aws:states:eu-west-1:123456789012:stateMachine:retrain";

type Target = { Id: string; Arn: unknown; RoleArn?: unknown };
const targets = (r: Record<string, unknown>) => r.Targets as Target[];
const policyResources = (role: Record<string, unknown>) =>
  (role.Policies as { PolicyDocument: { Statement: { Action: string; Resource: unknown }[] } }[]).flatMap((p) => p.PolicyDocument.Statement);

describe("docs/aws/eventbridge.yaml", () => {
  it("every resource's properties match the CloudFormation resource specification of its type", () => {
    expect(checkTemplateProperties(template)).toEqual([]);
  });

  it("every reference to the conditional topic and state machine is guarded by its condition", () => {
    expect(checkReferences(template)).toEqual([]);
  });

  it("the reference check is not a rubber stamp: an unguarded Ref, an unknown name and an unknown condition are reported", () => {
    const bad: Template = {
      ...template,
      Resources: {
        ...template.Resources,
        Extra: { Type: "AWS::SNS::Subscription", Properties: { TopicArn: { Ref: "AlertTopic" }, Protocol: "email", Endpoint: { "Fn::If": ["Nope", { Ref: "Missing" }, ""] } } },
      },
    };
    expect(checkReferences(bad)).toEqual([
      "Extra.TopicArn: AlertTopic exists only when CreateAlertTopic, the reference is not guarded by it",
      "Extra.Endpoint: condition Nope is not defined",
      "Extra.Endpoint(if Nope): Missing is not a parameter or resource",
    ]);
  });

  it("takes an existing topic ARN and state machine ARN as parameters, empty by default, with the ARN's shape", () => {
    expect(template.Parameters.AlertTopicArn).toMatchObject({ Type: "String", Default: "" });
    expect(template.Parameters.RetrainStateMachineArn).toMatchObject({ Type: "String", Default: "" });
    const topic = new RegExp(template.Parameters.AlertTopicArn!.AllowedPattern!);
    const machine = new RegExp(template.Parameters.RetrainStateMachineArn!.AllowedPattern!);
    expect([topic.test(""), topic.test(TOPIC), topic.test(MACHINE), topic.test("ml-alerts")]).toEqual([true, true, false, false]);
    expect([machine.test(""), machine.test(MACHINE), machine.test(TOPIC)]).toEqual([true, true, false]);
  });

  it("with no ARNs given, the stack creates the topic and the state machine and routes to them", () => {
    const t = resolveTemplate(template, { RetrainingPipelineName: "retrain" });
    expect(t.conditions).toMatchObject({ CreateAlertTopic: true, CreateStateMachine: true });
    expect(Object.keys(t.resources)).toEqual(expect.arrayContaining(["AlertTopic", "AlertTopicPolicy", "RetrainStateMachine", "RetrainStateMachineRole"]));
    expect(targets(t.resources.AlertRule!)[0]!.Arn).toEqual({ Ref: "AlertTopic" });
    expect(targets(t.resources.RetrainRule!)[0]!.Arn).toEqual({ Ref: "RetrainStateMachine" });
    expect(policyResources(t.resources.EventsToStepFunctionsRole!)).toEqual([expect.objectContaining({ Action: "states:StartExecution", Resource: { Ref: "RetrainStateMachine" } })]);
    expect((t.resources.RetrainStateMachine!.DefinitionSubstitutions as Record<string, unknown>)).toEqual({ PipelineName: "retrain", TopicArn: { Ref: "AlertTopic" } });
    expect(t.outputs).toMatchObject({ AlertTopicArn: { Ref: "AlertTopic" }, RetrainStateMachineArn: { Ref: "RetrainStateMachine" } });
  });

  it("with both ARNs given, it creates neither and routes to the given ones (and the e-mail subscription goes on the given topic)", () => {
    const t = resolveTemplate(template, { AlertTopicArn: TOPIC, RetrainStateMachineArn: MACHINE, AlertEmail: "oncall@example.com" });
    const created = Object.keys(t.resources);
    for (const name of ["AlertTopic", "AlertTopicPolicy", "RetrainStateMachine", "RetrainStateMachineRole"]) expect(created).not.toContain(name);
    expect(created.map((n) => template.Resources[n]!.Type).filter((ty) => ty === "AWS::SNS::Topic" || ty === "AWS::StepFunctions::StateMachine")).toEqual([]);
    expect(targets(t.resources.AlertRule!)[0]!.Arn).toBe(TOPIC);
    expect(targets(t.resources.RetrainRule!)[0]!.Arn).toBe(MACHINE);
    expect(policyResources(t.resources.EventsToStepFunctionsRole!)).toEqual([expect.objectContaining({ Action: "states:StartExecution", Resource: MACHINE })]);
    expect(t.resources.AlertEmailSubscription).toMatchObject({ TopicArn: TOPIC, Protocol: "email", Endpoint: "oncall@example.com" });
    expect(t.outputs).toEqual({ AlertTopicArn: TOPIC, RetrainStateMachineArn: MACHINE, DeadLetterQueueUrl: { Ref: "DeadLetterQueue" } });
  });

  it("one given, one created: an existing topic with the stack's state machine, which reports to that topic", () => {
    const t = resolveTemplate(template, { AlertTopicArn: TOPIC, RetrainingPipelineName: "retrain" });
    expect(Object.keys(t.resources)).not.toContain("AlertTopic");
    expect(t.resources.RetrainStateMachine!.DefinitionSubstitutions).toEqual({ PipelineName: "retrain", TopicArn: TOPIC });
    const smRole = policyResources(t.resources.RetrainStateMachineRole!);
    expect(smRole.find((s) => s.Action === "sns:Publish")!.Resource).toBe(TOPIC);
  });

  it("a created state machine needs the pipeline it starts: a template rule asserts RetrainingPipelineName when no state machine ARN is given", () => {
    const rule = Object.values(template.Rules ?? {})[0]!;
    expect(rule.RuleCondition).toEqual({ "Fn::Equals": [{ Ref: "RetrainStateMachineArn" }, ""] });
    expect(rule.Assertions).toEqual([expect.objectContaining({ Assert: { "Fn::Not": [{ "Fn::Equals": [{ Ref: "RetrainingPipelineName" }, ""] }] } })]);
  });
});
