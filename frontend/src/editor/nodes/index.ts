import type { NodeTypes } from "@xyflow/react";

import { ContainerNodeComponent } from "./container-node";
import { PodNodeComponent } from "./pod-node";
import { VolumeNodeComponent } from "./volume-node";

export const nodeTypes = {
  pod: PodNodeComponent,
  container: ContainerNodeComponent,
  volume: VolumeNodeComponent,
} satisfies NodeTypes;
