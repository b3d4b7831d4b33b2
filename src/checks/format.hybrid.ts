import type { Check } from './types.js';

export const formatHybrid: Check = {
  id: 'format.hybrid',
  severity: 'info',
  description: 'Labels of both template versions in one report (e.g. 2021 table 二 with the 2019 single-row （六）其他处理).',
  run: ({ shape, tablesFound }) =>
    tablesFound.active && tablesFound.apps && shape.active !== shape.apps
      ? [
          {
            kind: 'fail',
            message: `Table 二 follows the ${shape.active} template and table 三 the ${shape.apps} one (（六）其他处理 ${shape.apps === '2019' ? 'as one row' : 'with sub-rows'}).`,
            fields: [],
            expected: shape.active,
            actual: shape.apps,
          },
        ]
      : [],
};
