import './enums';
import './region';
import './household';
import './resident';
