// A pool worker that runs the pdfjs floor on each task's file (bench only).
import { serve } from '../dist/src/bulk/serve.js';
import { floorOne } from './floor.mjs';

serve((task) => floorOne(task.path));
