export { closeHttpServer, startSlackFake, SlackFake } from "./server";
export type { ApiCall, CallCondition, SlackFakeOptions } from "./server";
export { SlackDriver, signSlackRequest } from "./driver";
export type { DisconnectReason, EnvelopeType, SocketModeEnvelope } from "./socket-mode";
export type {
  ActionInput,
  BlockActionsOptions,
  BlockSuggestionOptions,
  CommandOptions,
  EventOptions,
  EventResult,
  FakeEventInput,
  MessageRef,
  SendResult,
  ShortcutOptions,
  Transport,
  TypedValues,
  ViewClosedOptions,
  ViewSubmissionOptions,
} from "./driver";
export { blockTextLength, MAX_BLOCKS, MAX_MESSAGE_BLOCK_TEXT, MAX_VIEW_BYTES, validateBlocks, validateOptionsResponse, validateView } from "./block-kit-validator";
export type { Surface } from "./block-kit-validator";
export type { StateInput, StateValues } from "./view-state";
export { silentLogger } from "./silent-logger";
export { SlackApiError } from "./workspace";
export type { FakeChannel, FakeEphemeral, FakeMessage, FakeReaction, FakeUser, ResponseUrlPost, WorkspaceSnapshot } from "./workspace";
