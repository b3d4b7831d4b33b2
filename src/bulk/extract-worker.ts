// Entry point of an extraction worker (child process or worker thread).
import { serve } from './serve.js';
import { extractTask } from './task.js';

serve(extractTask);
